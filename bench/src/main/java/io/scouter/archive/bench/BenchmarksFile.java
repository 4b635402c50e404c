package io.scouter.archive.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** BENCHMARKS.md: a short header, then one dated, self-contained section per run, newest last. */
final class BenchmarksFile {
  static final String HEADER = """
      # Benchmarks

      Measured figures, never edited afterwards. Each section was appended by one run of the
      benchmark command (README, "Benchmark"), which prints the same tables to stdout:

      ```sh
      mvn -B -pl bench -am package -DskipTests
      java -Xmx512m -jar bench/target/scouter-archive-bench.jar bench
      ```

      The run generates deterministic drift data, loads it into the hot tables, and measures on one
      machine: archive throughput against a bare binary COPY of the same rows, binned-metric latency
      hot and archived, pruning, peak heap of the archive pass, latency with 10× the entities, and
      ingestion over HTTP. Targets are stated, not asserted.
      """;

  private BenchmarksFile() {}

  static void append(Path file, String section) throws IOException {
    if (!Files.exists(file)) {
      Files.writeString(file, HEADER, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
    }
    String existing = Files.readString(file, StandardCharsets.UTF_8);
    String separator = existing.endsWith("\n\n") ? "" : existing.endsWith("\n") ? "\n" : "\n\n";
    Files.writeString(file, separator + section, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }
}
