package io.scouter.archive.archiver;

import static org.assertj.core.api.Assertions.assertThat;

import io.scouter.archive.archiver.run.ArchiveFaults;
import io.scouter.archive.archiver.run.ArchiveRunHistory;
import io.scouter.archive.archiver.run.ArchiveStep;
import io.scouter.archive.archiver.run.RunSnapshots;
import io.scouter.archive.archiver.run.TableRunResult;
import io.scouter.archive.catalog.drift.DriftRecord;
import io.scouter.archive.catalog.drift.DriftType;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A backlog of many days is cut at a day boundary and copied on two connections at once, both in
 * the run's one snapshot; whatever happens on either, every row ends up in exactly one place.
 */
@Timeout(120) // a connection stuck in a dead COPY hangs forever: fail instead
class ParallelCopyTest {
  private static final int DAYS = 12;
  private static final int FEATURES = 10;
  private static final Instant FIRST_DAY = Instant.now().minus(120, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS);

  @Test
  void aLargeBacklogIsCopiedOnTwoConnectionsThatSeeOnlyTheRunsSnapshot() throws Exception {
    try (ArchiveFixture fixture = new ArchiveFixture("parallel_copy")) {
      int backlog = ingestMinutely(fixture);
      // Committed after the run's snapshot, one inside each slice's days (either connection may take
      // either slice): a second connection that read the database's latest state instead of the
      // snapshot would copy its row too, and the run's row count would no longer match its plan.
      List<DriftRecord> late = List.of(
          new DriftRecord.Spc(FIRST_DAY.plusSeconds(30), "late", "model", "1", "f0", 7.25),
          new DriftRecord.Spc(FIRST_DAY.plus(DAYS - 1, ChronoUnit.DAYS).plusSeconds(30), "late", "model", "1", "f0",
              7.5));
      ArchivePassResult pass = fixture.archiver(fixture.insertingAfterFirstSpcStart(late)).archive();

      assertThat(pass.succeeded()).isTrue();
      TableRunResult spc = pass.tables().get(DriftType.SPC.ordinal());
      assertThat(spc.runIds()).hasSize(2);
      long firstRun = spc.runIds().get(0);
      assertThat(new ArchiveRunHistory(fixture.hotStore.dataSource()).recent(10))
          .filteredOn(run -> run.table().equals("spc_drift"))
          .extracting(ArchiveRunHistory.Entry::rows)
          .containsExactlyInAnyOrder((long) backlog, (long) late.size());
      List<String> files = dataFiles(fixture.catalog.table(DriftType.SPC));
      String firstRunFiles = RunSnapshots.fileLabel(firstRun);
      assertThat(files).as("both slices of the first run wrote files")
          .anyMatch(file -> file.contains(firstRunFiles + "0-"))
          .anyMatch(file -> file.contains(firstRunFiles + "1-"));
      assertThat(files.stream().filter(file -> file.contains(firstRunFiles)))
          .as("one file per day: no day was cut between the slices").hasSize(DAYS);
      assertThat(fixture.expiredUnarchived()).isZero();
      fixture.assertEveryRowInExactlyOnePlace();
    }
  }

  @Test
  void aConnectionDyingMidCopyLeavesNoFileAndNoRowMarked() throws Exception {
    try (ArchiveFixture fixture = new ArchiveFixture("parallel_copy_killed")) {
      int backlog = ingestMinutely(fixture);
      AtomicBoolean terminated = new AtomicBoolean();
      ArchivePassResult failed = fixture.archiver((step, type, runId) -> {
        if (step == ArchiveStep.AFTER_START && type == DriftType.SPC) {
          Thread killer = new Thread(() -> terminated.set(terminateOneCopy(fixture)), "test-copy-killer");
          killer.setDaemon(true);
          killer.start();
        }
      }).archive();

      assertThat(terminated.get()).as("a COPY backend was terminated mid-copy").isTrue();
      assertThat(failed.tables().get(DriftType.SPC.ordinal()).outcome()).isEqualTo(TableRunResult.Outcome.FAILED);
      assertThat(fixture.readersSnapshot(DriftType.SPC)).as("the archive state never moved").isEmpty();
      assertThat(fixture.expiredUnarchived()).isEqualTo(backlog);
      assertThat(parquetFilesUnder(fixture.catalog.table(DriftType.SPC).location()))
          .as("the other connection's files were deleted too").isZero();
      fixture.assertEveryRowInExactlyOnePlace();

      assertThat(fixture.archiver(ArchiveFaults.NONE).archive().succeeded()).isTrue();
      assertThat(fixture.expiredUnarchived()).isZero();
      fixture.assertEveryRowInExactlyOnePlace();
    }
  }

  /** One SPC record per feature per minute for {@link #DAYS} days, long expired. */
  private static int ingestMinutely(ArchiveFixture fixture) throws SQLException {
    List<DriftRecord> records = new ArrayList<>();
    for (int minute = 0; minute < DAYS * 1440; minute++) {
      Instant at = FIRST_DAY.plus(minute, ChronoUnit.MINUTES);
      for (int feature = 0; feature < FEATURES; feature++) {
        records.add(new DriftRecord.Spc(at, "space", "model", "1", "f" + feature, minute * 0.5 + feature));
      }
    }
    fixture.insert(records);
    return records.size();
  }

  /** Waits for the run's two COPY backends and terminates one of them; whether it did. */
  private static boolean terminateOneCopy(ArchiveFixture fixture) {
    long giveUp = System.nanoTime() + 10_000_000_000L;
    String copies = "SELECT pid FROM pg_stat_activity WHERE query LIKE 'COPY (SELECT%spc_drift%' AND state = 'active'"
        + " AND backend_type = 'client backend'";
    try (Connection connection = fixture.hotStore.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      while (System.nanoTime() < giveUp) {
        List<Integer> pids = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(copies)) {
          while (rows.next()) {
            pids.add(rows.getInt(1));
          }
        }
        if (pids.size() == 2) {
          try (ResultSet done = statement.executeQuery("SELECT pg_terminate_backend(" + pids.get(1) + ")")) {
            done.next();
            return done.getBoolean(1);
          }
        }
        Thread.onSpinWait();
      }
      return false;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> dataFiles(Table table) throws IOException {
    table.refresh();
    List<String> files = new ArrayList<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      tasks.forEach(task -> files.add(task.file().location()));
    }
    return files;
  }

  private static long parquetFilesUnder(String location) throws IOException {
    Path root = Path.of(URI.create(location.startsWith("file:") ? location : "file:" + location));
    if (!Files.exists(root)) {
      return 0;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      return paths.filter(path -> path.toString().endsWith(".parquet")).count();
    }
  }
}
