package io.scouter.archive.api.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.scouter.archive.api.metrics.Binning;
import io.scouter.archive.api.metrics.TimeWindow;
import io.scouter.archive.api.testing.ArchiveBench;
import io.scouter.archive.catalog.drift.DriftRecord;
import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.catalog.testing.TestDatabases;
import io.scouter.archive.catalog.testing.TemporaryDirectories;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The readers' archived span is one row per table, kept by the runs that move the watermark: it
 * does not depend on (nor grow with) the archive_run history, which may be pruned.
 */
class ArchivedSpanTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  @Test
  void theSpanIsWidenedByEachRunAndOutlivesTheRunHistory() throws Exception {
    try (ArchiveBench bench = new ArchiveBench(TestDatabases.freshDatabase("archived_span"),
        TemporaryDirectories.create("archived-span-"))) {
      Instant first = T0.plusSeconds(3600);
      Instant last = T0.plus(Duration.ofDays(1)).plusSeconds(7200);
      bench.insert(List.of(new DriftRecord.Spc(first, "span", "model", "1", "f", 1)));
      bench.archiveBefore(T0.plus(Duration.ofDays(1)));
      bench.insert(List.of(new DriftRecord.Spc(last, "span", "model", "1", "f", 3)));
      bench.archiveBefore(T0.plus(Duration.ofDays(2)));
      // A run without rows leaves the span as it was.
      bench.archiveBefore(T0.plus(Duration.ofDays(3)));
      bench.deleteArchivedRows();
      try (Connection connection = bench.hotStore.dataSource().getConnection();
          Statement statement = connection.createStatement()) {
        statement.executeUpdate("DELETE FROM scouter.archive_run");
      }

      try (Connection connection = bench.hotStore.dataSource().getConnection()) {
        ArchiveCut cut = HotAggregates.readCut(connection, DriftType.SPC);
        assertThat(cut.oldestArchived()).isEqualTo(first);
        assertThat(cut.newestArchived()).isEqualTo(last);
        assertThat(cut.mayHoldRowsIn(TimeWindow.between(T0.minus(Duration.ofDays(1)), T0))).isFalse();
      }
      DriftReader reader = new DriftReader(bench.hotStore.dataSource(), new ArchiveScanner(bench.catalog));
      DriftQuery query = new DriftQuery(DriftType.SPC, "span", "model", "1",
          Binning.of(TimeWindow.between(T0, T0.plus(Duration.ofDays(2))), 2));
      assertThat(reader.moments(query).spc().features().get("f").values()).containsExactly(1.0, 3.0);
    }
  }
}
