package io.scouter.archive.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.scouter.archive.api.testing.ArchiveBench;
import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.catalog.settings.DatabaseUri;
import io.scouter.archive.catalog.testing.TestDatabases;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 5M-row export in bounded memory: 5,000,000 SPC rows of one entity (50 days x 5 features x
 * 20,000) are written straight into Iceberg data files, then a separate JVM with {@code -Xmx256m}
 * exports them as CSV and Parquet (Arrow holds one 8192-row batch at a time by construction, and is
 * checked row by row in {@link AuditRoutesTest}) through the route's own plan and stream, after a
 * one-day warm-up in every format. The export must hold
 * every row and the small JVM must not run out of memory; the figures it prints (first byte, total
 * time, peak heap) go to BENCHMARKS.md, they are not asserted.
 */
class ExportMemoryTest {
  static final int DAYS = 50;
  static final int FEATURES = 5;
  static final int ROWS_PER_FEATURE_DAY = 20_000;
  static final Instant FIRST_DAY = Instant.parse("2025-01-01T00:00:00Z");

  @TempDir
  Path warehouse;

  @Test
  void fiveMillionRowsExportUnderA256MiBHeap() throws Exception {
    String database = TestDatabases.freshDatabaseUri("export_memory");
    long generated;
    try (ArchiveBench bench = new ArchiveBench(DatabaseUri.parse(database).orElseThrow(), warehouse)) {
      generated = GeneratedArchive.writeSpc(bench.catalog.table(DriftType.SPC), FIRST_DAY, DAYS, FEATURES,
          ROWS_PER_FEATURE_DAY);
    }
    assertThat(generated).isEqualTo(5_000_000L);

    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "--add-opens=java.base/java.nio=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
        ExportMemoryProbe.class.getName(), database, warehouse.toString(), FIRST_DAY.toString(),
        FIRST_DAY.plusSeconds(86_400L * DAYS).toString(), "CSV", "PARQUET"));
    Path output = Files.createTempFile(warehouse, "probe", ".txt");
    Process probe = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    boolean finished = probe.waitFor(10, TimeUnit.MINUTES);
    String printed = Files.readString(output, StandardCharsets.UTF_8);
    if (!finished) {
      probe.destroyForcibly();
    }
    assertThat(finished).as(printed).isTrue();
    assertThat(probe.exitValue()).as(printed).isZero();
    List<String> figures = printed.lines().filter(line -> line.matches("(CSV|PARQUET) \\d+ .*")).toList();
    assertThat(figures).as(printed).hasSize(2);
    System.out.println("export probe output (format rows bytes plan-ms first-byte-ms total-ms peak-heap-mib):\n"
        + printed);
    for (String line : figures) {
      assertThat(Long.parseLong(line.split(" ")[1])).isEqualTo(generated);
    }
  }

}
