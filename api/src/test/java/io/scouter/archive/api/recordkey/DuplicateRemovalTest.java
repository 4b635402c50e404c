package io.scouter.archive.api.recordkey;

import static org.assertj.core.api.Assertions.assertThat;

import io.scouter.archive.api.metrics.Binning;
import io.scouter.archive.api.metrics.SeriesMoments;
import io.scouter.archive.api.metrics.SpcResult;
import io.scouter.archive.api.metrics.TimeWindow;
import io.scouter.archive.api.query.ArchiveScanner;
import io.scouter.archive.api.query.DriftQuery;
import io.scouter.archive.api.query.DriftReader;
import io.scouter.archive.api.testing.ArchiveBench;
import io.scouter.archive.api.testing.ArchivedRows;
import io.scouter.archive.api.testing.OldArchiverDuplicates;
import io.scouter.archive.archiver.duplicates.DuplicateRemovalResult;
import io.scouter.archive.archiver.duplicates.DuplicateRemover;
import io.scouter.archive.archiver.duplicates.RemovalStep;
import io.scouter.archive.catalog.drift.DriftRecord;
import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.catalog.hotstore.DriftRecordInserter;
import io.scouter.archive.catalog.testing.TestDatabases;
import io.scouter.archive.catalog.testing.TemporaryDirectories;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.Test;

/**
 * The duplicate removal on an archive that holds re-sent records twice, as versions before this one
 * left it: every key once after, the other partitions' files untouched, answers equal to those of
 * the distinct records, readers exact while it runs, and a crash on either side of its commit
 * leaving every row where it was.
 */
class DuplicateRemovalTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Binning BINNING = Binning.of(TimeWindow.between(T0, T0.plus(Duration.ofDays(31))), 200);

  @Test
  void removesEveryExtraCopyInOneCommitPerTableWhileReadersStayExact() throws Exception {
    try (ArchiveBench bench = new ArchiveBench(TestDatabases.freshDatabase("dedup"), TemporaryDirectories.create("dedup-"))) {
      Archive archive = archiveWithDuplicates(bench);
      Set<String> untouchedBefore = filesOutside(bench, archive.reSent);
      DriftReader reader = new DriftReader(bench.hotStore.dataSource(), new ArchiveScanner(bench.catalog));
      SpcResult withCopies = spc(reader);
      DuplicateRemover remover = new DuplicateRemover(bench.hotStore.dataSource(), bench.catalog,
          RemovalStep.Faults.NONE);

      CompletableFuture<DuplicateRemovalResult> removal = CompletableFuture.supplyAsync(remover::removeDuplicates);
      SpcResult expected = expectedSpc(archive.distinct);
      int queries = 0;
      while (!removal.isDone() || queries < 3) {
        assertThat(spc(reader)).as("query %d: before or after, never between", queries).isIn(withCopies, expected);
        queries++;
      }
      DuplicateRemovalResult result = removal.join();

      assertThat(result.succeeded()).as(result.summary()).isTrue();
      assertThat(result.rowsRemoved()).isEqualTo(archive.reSent.size());
      assertThat(result.tables()).allSatisfy(table -> assertThat(table.outcome())
          .isEqualTo(DuplicateRemovalResult.Outcome.DONE));
      OnceOnlyIngestTest.assertEveryKeyOnce(bench, new ArrayList<>(archive.distinct));
      assertThat(filesOutside(bench, archive.reSent)).as("files of other partitions untouched")
          .isEqualTo(untouchedBefore);
      OnceOnlyIngestTest.assertAnswersCount(bench, archive.distinct);
      assertThat(recordedRowsRemoved(bench)).isEqualTo(archive.reSent.size());
      assertThat(remover.removeDuplicates().tables()).as("a second removal finds nothing")
          .allSatisfy(table -> assertThat(table.outcome()).isEqualTo(DuplicateRemovalResult.Outcome.NOTHING_TO_DO));

      List<DriftRecord> late = OnceOnlyIngestTest.records("dup", T0.plusSeconds(90), 1, 55);
      new DriftRecordInserter(bench.hotStore.dataSource()).insert(late);
      assertThat(bench.archiveBefore(T0.plus(Duration.ofDays(3))).rows())
          .as("the archiver's run chain looks past the removal's snapshot").isEqualTo(late.size());
      List<DriftRecord> all = new ArrayList<>(archive.distinct);
      all.addAll(late);
      OnceOnlyIngestTest.assertEveryKeyOnce(bench, all);
    }
  }

  @Test
  void aCrashOnEitherSideOfTheCommitLeavesEveryRowWhereItWas() throws Exception {
    try (ArchiveBench bench = new ArchiveBench(TestDatabases.freshDatabase("dedup_crash"),
        TemporaryDirectories.create("dedup-crash-"))) {
      Archive archive = archiveWithDuplicates(bench);
      DriftReader reader = new DriftReader(bench.hotStore.dataSource(), new ArchiveScanner(bench.catalog));
      SpcResult withCopies = spc(reader);
      for (RemovalStep crashAt : RemovalStep.values()) {
        DuplicateRemover crashing = new DuplicateRemover(bench.hotStore.dataSource(), bench.catalog,
            (step, type) -> {
              if (step == crashAt && type == DriftType.SPC) {
                throw new Error("crash at " + step);
              }
            });
        try {
          crashing.removeDuplicates();
        } catch (Error expected) {
          assertThat(expected).hasMessage("crash at " + crashAt);
        }
        assertThat(spc(reader)).as("readers keep the cut they had after a crash at %s", crashAt)
            .isEqualTo(withCopies);
        if (crashAt == RemovalStep.AFTER_WRITE) {
          assertThat(ArchivedRows.keyCounts(bench.catalog, DriftType.SPC).values()).as("nothing committed")
              .contains(2);
        }
      }
      DuplicateRemovalResult result = new DuplicateRemover(bench.hotStore.dataSource(), bench.catalog,
          RemovalStep.Faults.NONE).removeDuplicates();

      assertThat(result.succeeded()).as(result.summary()).isTrue();
      OnceOnlyIngestTest.assertEveryKeyOnce(bench, new ArrayList<>(archive.distinct));
      OnceOnlyIngestTest.assertAnswersCount(bench, archive.distinct);
      assertThat(statuses(bench)).as("the crashed runs are closed: before the commit failed, after it done")
          .doesNotContain("running").contains("failed", "done");
    }
  }

  private record Archive(Set<DriftRecord> distinct, List<DriftRecord> reSent) {}

  /** Two entities archived, then a third of one entity's records archived a second time. */
  private static Archive archiveWithDuplicates(ArchiveBench bench) throws SQLException {
    List<DriftRecord> dup = OnceOnlyIngestTest.records("dup", T0, 2, 51);
    List<DriftRecord> other = OnceOnlyIngestTest.records("other", T0, 2, 52);
    DriftRecordInserter inserter = new DriftRecordInserter(bench.hotStore.dataSource());
    inserter.insert(dup);
    inserter.insert(other);
    bench.archiveBefore(T0.plus(Duration.ofDays(2)));
    OnceOnlyIngestTest.deleteArchived(bench, T0.plus(Duration.ofDays(30)));
    List<DriftRecord> reSent = new ArrayList<>();
    for (int i = 0; i < dup.size(); i += 3) {
      reSent.add(dup.get(i));
    }
    OldArchiverDuplicates.archiveAgain(bench, reSent);
    assertThat(ArchivedRows.keyCounts(bench.catalog, DriftType.SPC).values()).as("the archive holds copies")
        .contains(2);
    Set<DriftRecord> distinct = new LinkedHashSet<>(dup);
    distinct.addAll(other);
    return new Archive(distinct, reSent);
  }

  private static SpcResult spc(DriftReader reader) throws SQLException {
    return reader.moments(new DriftQuery(DriftType.SPC, "dup", "model", "1", BINNING)).spc();
  }

  private static SpcResult expectedSpc(Set<DriftRecord> distinct) {
    SeriesMoments moments = new SeriesMoments(BINNING);
    for (DriftRecord record : distinct) {
      if (record instanceof DriftRecord.Spc spc && spc.space().equals("dup")) {
        moments.add(spc.feature(), spc.createdAt(), spc.value());
      }
    }
    return moments.spc();
  }

  /** Data files of every table whose partition holds none of the re-sent records' keys. */
  private static Set<String> filesOutside(ArchiveBench bench, List<DriftRecord> reSent) throws Exception {
    Set<String> files = new HashSet<>();
    for (DriftType type : DriftType.values()) {
      Table table = bench.catalog.table(type);
      table.refresh();
      Set<String> affectedSpaces = reSent.stream().filter(record -> record.type() == type)
          .map(DriftRecord::space).collect(Collectors.toSet());
      try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
        for (FileScanTask task : tasks) {
          DataFile file = task.file();
          if (!affectedSpaces.contains(file.partition().get(1, String.class))) {
            files.add(file.location());
          }
        }
      }
    }
    assertThat(files).isNotEmpty();
    return files;
  }

  private static long recordedRowsRemoved(ArchiveBench bench) throws SQLException {
    try (Connection connection = bench.hotStore.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(
            "SELECT sum(rows_removed) FROM scouter.duplicate_removal_run WHERE status = 'done'")) {
      row.next();
      return row.getLong(1);
    }
  }

  private static List<String> statuses(ArchiveBench bench) throws SQLException {
    List<String> statuses = new ArrayList<>();
    try (Connection connection = bench.hotStore.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT status FROM scouter.duplicate_removal_run ORDER BY id")) {
      while (rows.next()) {
        statuses.add(rows.getString(1));
      }
    }
    return statuses;
  }
}
