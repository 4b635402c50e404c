package io.scouter.archive.api.recordkey;

import static org.assertj.core.api.Assertions.assertThat;

import io.scouter.archive.api.testing.ArchiveBench;
import io.scouter.archive.catalog.drift.DriftRecord;
import io.scouter.archive.catalog.hotstore.DriftRecordInserter;
import io.scouter.archive.catalog.testing.TemporaryDirectories;
import io.scouter.archive.catalog.testing.TestDatabases;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The archiver's second line: rows stored past ingestion's check (here by the old code path, the
 * inserter without it) whose key the archive already holds are left out of the next run, counted in
 * its record, and no longer counted by readers once the run is done.
 */
class LateDuplicatesTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void aRunDropsLateRowsWhoseKeysTheArchiveHoldsAndCountsThem() throws Exception {
    try (ArchiveBench bench = new ArchiveBench(TestDatabases.freshDatabase("late_duplicates"),
        TemporaryDirectories.create("late-duplicates-"))) {
      DriftRecordInserter oldCodePath = new DriftRecordInserter(bench.hotStore.dataSource());
      List<DriftRecord> original = OnceOnlyIngestTest.records("late", T0, 2, 41);
      oldCodePath.insert(original);
      bench.archiveBefore(T0.plus(Duration.ofDays(2)));
      OnceOnlyIngestTest.deleteArchived(bench, T0.plus(Duration.ofDays(30)));

      // Every third record: re-sent keys in both days' partitions, so the run's check looks up more than one.
      List<DriftRecord> reSent = IntStream.range(0, original.size()).filter(i -> i % 3 == 0).mapToObj(original::get)
          .toList();
      assertThat(reSent.stream().map(record -> record.createdAt().truncatedTo(ChronoUnit.DAYS)).distinct())
          .hasSize(2);
      List<DriftRecord> newLate = OnceOnlyIngestTest.records("late", T0.plusSeconds(61), 1, 42);
      List<DriftRecord> body = new ArrayList<>(reSent);
      body.addAll(newLate);
      assertThat(oldCodePath.insert(body)).as("the old path stores the re-sent records").isEqualTo(body.size());

      long archived = bench.archiveBefore(T0.plus(Duration.ofDays(2))).rows();

      assertThat(archived).as("only the new late rows are copied").isEqualTo(newLate.size());
      assertThat(duplicatesDropped(bench)).isEqualTo(reSent.size());
      List<DriftRecord> all = new ArrayList<>(original);
      all.addAll(newLate);
      OnceOnlyIngestTest.assertEveryKeyOnce(bench, all);
      Set<DriftRecord> distinct = new LinkedHashSet<>(all);
      OnceOnlyIngestTest.assertAnswersCount(bench, distinct);
      OnceOnlyIngestTest.deleteArchived(bench, T0.plus(Duration.ofDays(30)));
      assertThat(OnceOnlyIngestTest.hotRows(bench)).as("the dropped rows are archived: deleted too").isZero();
      OnceOnlyIngestTest.assertAnswersCount(bench, distinct);
    }
  }

  @Test
  void aRunWhoseLateRowsAreAllDuplicatesStillMovesItsWatermarkOverThem() throws Exception {
    try (ArchiveBench bench = new ArchiveBench(TestDatabases.freshDatabase("late_duplicates_only"),
        TemporaryDirectories.create("late-duplicates-only-"))) {
      DriftRecordInserter oldCodePath = new DriftRecordInserter(bench.hotStore.dataSource());
      List<DriftRecord> original = OnceOnlyIngestTest.records("only", T0, 1, 43);
      oldCodePath.insert(original);
      bench.archiveBefore(T0.plus(Duration.ofDays(1)));
      OnceOnlyIngestTest.deleteArchived(bench, T0.plus(Duration.ofDays(30)));
      oldCodePath.insert(original);

      assertThat(bench.archiveBefore(T0.plus(Duration.ofDays(1))).rows()).isZero();

      assertThat(duplicatesDropped(bench)).isEqualTo(original.size());
      OnceOnlyIngestTest.assertEveryKeyOnce(bench, original);
      OnceOnlyIngestTest.assertAnswersCount(bench, new LinkedHashSet<>(original));
      assertThat(bench.archiveBefore(T0.plus(Duration.ofDays(1))).rows()).as("nothing left to do").isZero();
      assertThat(duplicatesDropped(bench)).isEqualTo(original.size());
    }
  }

  private static long duplicatesDropped(ArchiveBench bench) throws SQLException {
    try (Connection connection = bench.hotStore.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(
            "SELECT coalesce(sum(duplicates_dropped), 0) FROM scouter.archive_run WHERE status = 'done'")) {
      result.next();
      return result.getLong(1);
    }
  }
}
