package io.scouter.archive.api.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.scouter.archive.api.metrics.Binning;
import io.scouter.archive.api.metrics.SeriesMoments;
import io.scouter.archive.api.metrics.SpcResult;
import io.scouter.archive.api.metrics.TimeWindow;
import io.scouter.archive.api.testing.ArchiveBench;
import io.scouter.archive.catalog.drift.DriftRecord;
import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.catalog.testing.TemporaryDirectories;
import io.scouter.archive.catalog.testing.TestDatabases;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Every row counts exactly once at every instant, not only between archive runs: queries running
 * while the archiver moves rows run by run all see the answer computed from the generated rows
 * themselves; once every row is archived and deleted from PostgreSQL, Iceberg alone gives it too.
 */
class ConsistentCutTest {
  private static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");

  @Test
  void queriesDuringArchiveRunsSeeEveryRowOnce() throws Exception {
    try (ArchiveBench bench = new ArchiveBench(TestDatabases.freshDatabase("consistent_cut"),
        TemporaryDirectories.create("scouter-consistent-cut-"))) {
      Random random = new Random(5);
      List<DriftRecord> records = new ArrayList<>();
      for (int i = 0; i < 4000; i++) {
        records.add(new DriftRecord.Spc(T0.plusSeconds(random.nextInt(8 * 86_400)), "cut", "model", "1", "f" + (i % 2),
            random.nextGaussian() * 100));
      }
      bench.insert(records);
      DriftReader reader = new DriftReader(bench.hotStore.dataSource(), new ArchiveScanner(bench.catalog));
      DriftQuery query = new DriftQuery(DriftType.SPC, "cut", "model", "1",
          Binning.of(TimeWindow.between(T0, T0.plus(Duration.ofDays(8))), 50));
      SpcResult expected = expected(records, query.binning());
      assertThat(expected.features()).containsOnlyKeys("f0", "f1");
      assertThat(reader.moments(query).spc()).as("all rows hot").isEqualTo(expected);

      CompletableFuture<Void> archiving = CompletableFuture.runAsync(() -> {
        for (int day = 1; day <= 9; day++) {
          bench.archiveBefore(T0.plus(Duration.ofDays(day)).minusSeconds(3600), 250);
        }
      });
      int queries = 0;
      while (!archiving.isDone() || queries < 5) {
        assertThat(reader.moments(query).spc()).as("query %d", queries).isEqualTo(expected);
        queries++;
      }
      archiving.join();
      assertThat(queries).isGreaterThan(5);

      // What retention does with zero grace: only Iceberg can answer now.
      assertThat(bench.deleteArchivedRows()).isEqualTo(records.size());
      assertThat(reader.moments(query).spc()).as("all rows archived and gone from PostgreSQL").isEqualTo(expected);
    }
  }

  /** The answer computed from the generated records themselves, without either store. */
  private static SpcResult expected(List<DriftRecord> records, Binning binning) {
    SeriesMoments moments = new SeriesMoments(binning);
    for (DriftRecord record : records) {
      DriftRecord.Spc spc = (DriftRecord.Spc) record;
      if (!spc.createdAt().isBefore(binning.window().begin()) && spc.createdAt().isBefore(binning.window().end())) {
        moments.add(spc.feature(), spc.createdAt(), spc.value());
      }
    }
    return moments.spc();
  }
}
