package io.scouter.archive.archiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scouter.archive.archiver.run.ArchiveFaults;
import io.scouter.archive.archiver.run.ArchiveRunHistory;
import io.scouter.archive.archiver.run.ArchiveStep;
import io.scouter.archive.archiver.run.TableRunResult;
import io.scouter.archive.catalog.drift.DriftRecord;
import io.scouter.archive.catalog.drift.DriftType;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DataArchiverTest {

  /** A crash: an Error, which the archiver never catches, so none of its clean-up runs. */
  static final class SimulatedCrash extends Error {
    private static final long serialVersionUID = 1L;

    SimulatedCrash(ArchiveStep step) {
      super("simulated crash at " + step);
    }
  }

  private static ArchiveFaults crashAt(ArchiveStep step) {
    return (reached, type, runId) -> {
      if (reached == step) {
        throw new SimulatedCrash(step);
      }
    };
  }

  @Test
  void archivesExactlyTheExpiredRowsInOneCommitPerTable() throws Exception {
    try (ArchiveFixture fixture = new ArchiveFixture("archive_happy")) {
      fixture.ingest(1, 600, 300);
      ArchivePassResult pass = fixture.archiver(ArchiveFaults.NONE).archive();

      assertThat(pass.succeeded()).isTrue();
      assertThat(fixture.expiredUnarchived()).isZero();
      fixture.assertEveryRowInExactlyOnePlace();
      for (TableRunResult result : pass.tables()) {
        assertThat(result.runIds()).hasSize(1);
        Table table = fixture.catalog.table(result.type());
        table.refresh();
        Snapshot snapshot = table.currentSnapshot();
        assertThat(snapshot.snapshotId()).isEqualTo(result.snapshotId());
        assertThat(snapshot.summary())
            .containsEntry("scouter.archive.run-id", result.runIds().get(0).toString())
            .containsEntry("scouter.archive.rows", Long.toString(result.rows()))
            .containsEntry("scouter.archive.pass-id", pass.passId().toString());
        assertThat(fixture.readersSnapshot(result.type())).contains(snapshot.snapshotId());
      }
      assertThat(pass.rows()).isEqualTo(600);

      // Nothing left: a second pass commits nothing.
      ArchivePassResult second = fixture.archiver(ArchiveFaults.NONE).archive();
      assertThat(second.rows()).isZero();
      assertThat(second.tables()).allSatisfy(result -> assertThat(result.snapshotId()).isNull());
      fixture.assertEveryRowInExactlyOnePlace();
    }
  }

  @ParameterizedTest
  @EnumSource(ArchiveStep.class)
  void aCrashAtAnyStepIsFinishedByTheNextArchiver(ArchiveStep step) throws Exception {
    try (ArchiveFixture fixture = new ArchiveFixture("archive_crash_" + step)) {
      fixture.ingest(step.ordinal(), 400, 100);
      assertThatThrownBy(() -> fixture.archiver(crashAt(step)).archive()).isInstanceOf(SimulatedCrash.class);
      fixture.assertEveryRowInExactlyOnePlace();

      ArchivePassResult recovery = fixture.archiver(ArchiveFaults.NONE).archive();

      assertThat(recovery.succeeded()).isTrue();
      assertThat(fixture.expiredUnarchived()).isZero();
      fixture.assertEveryRowInExactlyOnePlace();
    }
  }

  @Test
  void anUnknownCommitThatLandedIsFinishedNotRepeated() throws Exception {
    try (ArchiveFixture fixture = new ArchiveFixture("archive_unknown_landed")) {
      fixture.ingest(11, 300, 0);
      ArchivePassResult first = fixture.archiver((step, type, runId) -> {
        if (step == ArchiveStep.AFTER_COMMIT) {
          throw new CommitStateUnknownException(new RuntimeException("response lost"));
        }
      }).archive();
      assertThat(first.tables()).allSatisfy(result ->
          assertThat(result.outcome()).isEqualTo(TableRunResult.Outcome.PENDING));
      fixture.assertEveryRowInExactlyOnePlace();

      ArchivePassResult second = fixture.archiver(ArchiveFaults.NONE).archive();

      assertThat(second.tables()).allSatisfy(result -> assertThat(result.runIds()).isNotEmpty());
      assertThat(fixture.expiredUnarchived()).isZero();
      fixture.assertEveryRowInExactlyOnePlace();
    }
  }

  @Test
  void anUnknownCommitThatNeverLandedIsReleasedAndRetried() throws Exception {
    try (ArchiveFixture fixture = new ArchiveFixture("archive_unknown_lost")) {
      fixture.ingest(12, 300, 0);
      fixture.archiver((step, type, runId) -> {
        if (step == ArchiveStep.BEFORE_COMMIT) {
          throw new CommitStateUnknownException(new RuntimeException("request lost"));
        }
      }).archive();
      assertThat(fixture.expiredUnarchived()).isEqualTo(300);

      fixture.archiver(ArchiveFaults.NONE).archive();

      assertThat(fixture.expiredUnarchived()).isZero();
      fixture.assertEveryRowInExactlyOnePlace();
    }
  }

  @Test
  void lateArrivalsAreNeitherLostNorMarkedWithoutBeingCopied() throws Exception {
    try (ArchiveFixture fixture = new ArchiveFixture("archive_late")) {
      fixture.ingest(21, 300, 50);
      Random random = new Random(99);
      Instant old = Instant.now().minus(200, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MICROS);
      List<DriftRecord> late = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        late.add(ArchiveFixture.randomRecord(random, old.plusSeconds(i)));
      }
      long expiredSpcBefore = fixture.countHot(DriftType.SPC,
          "created_at < '" + ArchiverSettings.defaults(ArchiveFixture.RETENTION).cutoff(Instant.now()) + "'");
      ArchivePassResult pass = fixture.archiver(fixture.insertingAfterFirstSpcStart(late)).archive();

      // The run in flight neither copied nor marked the late rows; the pass's next run took them.
      TableRunResult spc = pass.tables().get(DriftType.SPC.ordinal());
      assertThat(spc.runIds()).hasSize(2);
      assertThat(new ArchiveRunHistory(fixture.hotStore.dataSource()).recent(10))
          .filteredOn(run -> run.table().equals("spc_drift"))
          .extracting(ArchiveRunHistory.Entry::rows)
          .containsExactlyInAnyOrder(expiredSpcBefore, late.stream().filter(r -> r.type() == DriftType.SPC).count());
      assertThat(fixture.expiredUnarchived()).isZero();
      fixture.assertEveryRowInExactlyOnePlace();
    }
  }

  /**
   * A transaction that inserted a late row before the run's snapshot was taken but commits after:
   * the snapshot does not see it, so the run neither copies it nor covers it, and the next run does.
   */
  @Test
  void aLateRowFromATransactionInFlightAtTheSnapshotIsTakenByTheNextRun() throws Exception {
    try (ArchiveFixture fixture = new ArchiveFixture("archive_in_flight")) {
      fixture.ingest(22, 300, 20);
      Instant old = Instant.now().minus(300, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MICROS);
      DriftRecord late = new DriftRecord.Spc(old, "in-flight", "model", "1", "f", 42.5);
      try (Connection inFlight = fixture.hotStore.dataSource().getConnection()) {
        inFlight.setAutoCommit(false);
        try (PreparedStatement insert = inFlight.prepareStatement("INSERT INTO scouter.spc_drift "
            + "(created_at, space, name, version, feature, value) VALUES (?, 'in-flight', 'model', '1', 'f', 42.5)")) {
          insert.setObject(1, old.atOffset(ZoneOffset.UTC));
          insert.executeUpdate();
        }
        assertThat(fixture.archiver(ArchiveFaults.NONE).archive().rows()).isEqualTo(300);
        inFlight.commit();
      }
      fixture.ingested.add(late);
      assertThat(fixture.expiredUnarchived()).as("the late row is hot and unarchived").isEqualTo(1);
      fixture.assertEveryRowInExactlyOnePlace();

      ArchivePassResult next = fixture.archiver(ArchiveFaults.NONE).archive();

      assertThat(next.rows()).isEqualTo(1);
      assertThat(fixture.expiredUnarchived()).isZero();
      fixture.assertEveryRowInExactlyOnePlace();
    }
  }

  /**
   * The lock-loss case: this instance's session dies mid-run (so its advisory lock is gone), another
   * instance reconciles and archives the table, then the first one reaches its commit. The commit's
   * check refuses it: the table's newest run is not the one it was planned after.
   */
  @Test
  void aRunWhoseLockWasLostMeanwhileNeverLands() throws Exception {
    try (ArchiveFixture fixture = new ArchiveFixture("archive_lock_lost")) {
      fixture.ingest(61, 300, 20);
      AtomicBoolean interrupted = new AtomicBoolean();
      List<ArchivePassResult> other = new ArrayList<>();
      ArchivePassResult first = fixture.archiver((step, type, runId) -> {
        if (step == ArchiveStep.BEFORE_COMMIT && type == DriftType.SPC && !interrupted.getAndSet(true)) {
          try (Connection admin = fixture.hotStore.dataSource().getConnection();
              Statement statement = admin.createStatement()) {
            statement.execute("SELECT pg_terminate_backend(pid, 5000) FROM pg_locks WHERE locktype = 'advisory' "
                + "AND pid <> pg_backend_pid()");
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
          other.add(fixture.archiver(ArchiveFaults.NONE).archive());
        }
      }).archive();

      TableRunResult refused = first.tables().get(DriftType.SPC.ordinal());
      assertThat(refused.outcome()).isEqualTo(TableRunResult.Outcome.FAILED);
      assertThat(refused.error()).contains("Cannot commit archive run");
      assertThat(other).singleElement().satisfies(pass -> assertThat(pass.succeeded()).isTrue());
      assertThat(fixture.expiredUnarchived()).isZero();
      fixture.assertEveryRowInExactlyOnePlace();
    }
  }

  /**
   * Someone else's run landed in the table (here: a snapshot carrying a foreign run id) after this
   * run was planned, while the lock is held: the commit refuses on the run chain alone, the run's
   * files are deleted and no row moves. Archiving then stops for the table rather than risk a copy.
   */
  @Test
  void aRunPlannedBeforeAnotherRunLandedIsRefusedByTheCommitCheck() throws Exception {
    try (ArchiveFixture fixture = new ArchiveFixture("archive_stale_plan")) {
      fixture.ingest(62, 300, 20);
      ArchivePassResult pass = fixture.archiver((step, type, runId) -> {
        if (step == ArchiveStep.BEFORE_COMMIT && type == DriftType.SPC) {
          fixture.catalog.table(type).newFastAppend().set("scouter.archive.run-id", "999999").commit();
        }
      }).archive();

      TableRunResult spc = pass.tables().get(DriftType.SPC.ordinal());
      assertThat(spc.outcome()).isEqualTo(TableRunResult.Outcome.FAILED);
      assertThat(spc.error()).contains("planned after no run, but the table's history ends otherwise");
      assertThat(fixture.readersSnapshot(DriftType.SPC)).isEmpty();
      Table table = fixture.catalog.table(DriftType.SPC);
      table.refresh();
      assertThat(table.currentSnapshot().summary()).containsEntry("scouter.archive.run-id", "999999");
      assertThat(fixture.countHot(DriftType.SPC, ArchiveFixture.unarchived(DriftType.SPC)))
          .isEqualTo(fixture.countHot(DriftType.SPC, "true"));

      TableRunResult stopped = fixture.archiver(ArchiveFaults.NONE).archive().tables().get(DriftType.SPC.ordinal());
      assertThat(stopped.outcome()).isEqualTo(TableRunResult.Outcome.FAILED);
      assertThat(stopped.error()).contains("newest archive run 999999").contains("does not follow run none");
      assertThat(fixture.readersSnapshot(DriftType.SPC)).isEmpty();
    }
  }

  /**
   * Two faults: another process reconciled this run as never committed (its commit had not landed
   * yet), then the commit landed and this process died before finishing. The table's newest run
   * is the evidence: the next pass finishes it, whatever its record says.
   */
  @Test
  void aRunReleasedElsewhereThatLandedAnywayIsFinished() throws Exception {
    try (ArchiveFixture fixture = new ArchiveFixture("archive_released_landed")) {
      fixture.ingest(63, 300, 20);
      List<Long> crashed = new ArrayList<>();
      assertThatThrownBy(() -> fixture.archiver((step, type, runId) -> {
        if (step == ArchiveStep.BEFORE_COMMIT) {
          crashed.add(runId);
          try (Connection connection = fixture.hotStore.dataSource().getConnection();
              Statement statement = connection.createStatement()) {
            statement.execute("UPDATE scouter.archive_run SET status = 'released' WHERE id = " + runId);
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        }
        if (step == ArchiveStep.AFTER_COMMIT) {
          throw new SimulatedCrash(step);
        }
      }).archive()).isInstanceOf(SimulatedCrash.class);
      fixture.assertEveryRowInExactlyOnePlace();

      ArchivePassResult recovery = fixture.archiver(ArchiveFaults.NONE).archive();

      assertThat(recovery.succeeded()).isTrue();
      assertThat(recovery.tables().get(DriftType.SPC.ordinal()).runIds()).isEqualTo(crashed);
      assertThat(new ArchiveRunHistory(fixture.hotStore.dataSource()).recent(10))
          .filteredOn(run -> run.id() == crashed.get(0))
          .singleElement().satisfies(run -> assertThat(run.status()).isEqualTo("done"));
      assertThat(fixture.expiredUnarchived()).isZero();
      fixture.assertEveryRowInExactlyOnePlace();
    }
  }

  @Test
  void anObjectStoreFailingMidRunMarksNothingAndTheNextPassSucceeds() throws Exception {
    try (ArchiveFixture fixture = new ArchiveFixture("archive_store_down")) {
      fixture.ingest(31, 300, 20);
      ArchivePassResult failed = fixture.archiver((step, type, runId) -> {
        if (step == ArchiveStep.AFTER_WRITE) {
          throw new UncheckedIOException(new java.io.IOException("object store unreachable"));
        }
      }).archive();
      assertThat(failed.succeeded()).isFalse();
      assertThat(failed.tables()).allSatisfy(result -> {
        assertThat(result.outcome()).isEqualTo(TableRunResult.Outcome.FAILED);
        assertThat(result.error()).contains("object store unreachable");
      });
      assertThat(fixture.expiredUnarchived()).isEqualTo(300);
      for (DriftType type : DriftType.values()) {
        assertThat(fixture.readersSnapshot(type)).as("the archive state never moved").isEmpty();
      }
      fixture.assertEveryRowInExactlyOnePlace();

      assertThat(fixture.archiver(ArchiveFaults.NONE).archive().succeeded()).isTrue();
      assertThat(fixture.expiredUnarchived()).isZero();
      fixture.assertEveryRowInExactlyOnePlace();
    }
  }

  @Test
  void twoArchiversAtOnceStayExactlyOnce() throws Exception {
    try (ArchiveFixture fixture = new ArchiveFixture("archive_replicas")) {
      fixture.ingest(41, 2000, 100);
      ArchiverSettings smallRuns = new ArchiverSettings(ArchiveFixture.RETENTION, 150, 50);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        List<Callable<ArchivePassResult>> replicas = List.of(
            () -> fixture.archiver(ArchiveFaults.NONE, smallRuns).archive(),
            () -> fixture.archiver(ArchiveFaults.NONE, smallRuns).archive());
        for (Future<ArchivePassResult> replica : pool.invokeAll(replicas)) {
          assertThat(replica.get().succeeded()).isTrue();
        }
      } finally {
        pool.shutdownNow();
      }
      fixture.archiver(ArchiveFaults.NONE, smallRuns).archive();
      assertThat(fixture.expiredUnarchived()).isZero();
      fixture.assertEveryRowInExactlyOnePlace();
    }
  }

  @Test
  void aBacklogBecomesSeveralBoundedRuns() throws Exception {
    try (ArchiveFixture fixture = new ArchiveFixture("archive_bounded")) {
      fixture.ingest(51, 900, 0);
      ArchivePassResult pass = fixture.archiver(ArchiveFaults.NONE,
          new ArchiverSettings(ArchiveFixture.RETENTION, 100, 100)).archive();
      assertThat(pass.tables()).allSatisfy(result -> assertThat(result.runIds().size()).isGreaterThan(1));
      assertThat(fixture.expiredUnarchived()).isZero();
      fixture.assertEveryRowInExactlyOnePlace();
    }
  }
}
