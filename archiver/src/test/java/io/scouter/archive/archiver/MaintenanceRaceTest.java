package io.scouter.archive.archiver;

import static io.scouter.archive.archiver.MaintenanceChecks.rowsAt;
import static io.scouter.archive.archiver.MaintenanceChecks.stateSnapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scouter.archive.archiver.maintenance.Compaction;
import io.scouter.archive.archiver.maintenance.MaintenanceFaults;
import io.scouter.archive.archiver.maintenance.MaintenancePassResult;
import io.scouter.archive.archiver.maintenance.MaintenancePoint;
import io.scouter.archive.archiver.maintenance.MaintenanceSettings;
import io.scouter.archive.archiver.maintenance.StateAdvance;
import io.scouter.archive.archiver.run.ArchiveFaults;
import io.scouter.archive.archiver.run.ArchiveStep;
import io.scouter.archive.archiver.run.TableRunResult;
import io.scouter.archive.catalog.drift.DriftType;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.junit.jupiter.api.Test;

/**
 * Compaction and archive runs committing to one table at the same time, in both orders, and with
 * either commit's response lost. The steps race here without the table lock, as replicas would if
 * the lock were lost: the commits' own validation must keep every row exactly once.
 */
class MaintenanceRaceTest {

  @Test
  void aCompactionCommittedWhileAnArchiveRunIsInFlightIsWalkedPast() throws Exception {
    try (ArchiveFixture fixture = new ArchiveFixture("maint_race_compaction_first")) {
      Random random = new Random(21);
      MaintenanceChecks.archiveLateArrivals(fixture, random, 4, 12);
      fixture.insert(MaintenanceChecks.lateArrivals(random, 12));
      Set<DriftType> compacted = EnumSet.noneOf(DriftType.class);
      ArchiveFaults compactBeforeCommit = (step, type, runId) -> {
        if (step == ArchiveStep.BEFORE_COMMIT && compacted.add(type)) {
          compactAndAdvance(fixture, type, MaintenanceFaults.NONE);
        }
      };

      ArchivePassResult pass = fixture.archiver(compactBeforeCommit).archive();

      assertThat(pass.succeeded()).isTrue();
      assertThat(compacted).containsExactlyInAnyOrder(DriftType.values());
      for (TableRunResult result : pass.tables()) {
        Table table = fixture.catalog.table(result.type());
        table.refresh();
        // The run's own snapshot, found by its marker, sits on top of the compaction.
        assertThat(table.snapshot(result.snapshotId()).summary())
            .containsEntry("scouter.archive.run-id", result.runIds().get(0).toString());
        assertThat(table.snapshot(table.snapshot(result.snapshotId()).parentId()).operation())
            .isEqualTo(DataOperations.REPLACE);
        assertThat(stateSnapshot(fixture, result.type())).isEqualTo(result.snapshotId());
      }
      fixture.assertEveryRowInExactlyOnePlace();
      MaintenanceChecks.archiveLateArrivals(fixture, random, 1, 12);
      fixture.assertEveryRowInExactlyOnePlace();
    }
  }

  @Test
  void anArchiveRunCommittedWhileACompactionIsInFlightKeepsItsRows() throws Exception {
    try (ArchiveFixture fixture = new ArchiveFixture("maint_race_archive_first")) {
      Random random = new Random(22);
      MaintenanceChecks.archiveLateArrivals(fixture, random, 4, 12);
      fixture.insert(MaintenanceChecks.lateArrivals(random, 12));
      DataArchiver archiver = fixture.archiver(ArchiveFaults.NONE);
      Set<DriftType> archived = EnumSet.noneOf(DriftType.class);
      MaintenanceFaults archiveBeforeCommit = (point, type) -> {
        if (point == MaintenancePoint.BEFORE_COMPACTION_COMMIT && archived.add(type)) {
          assertThat(archiver.archive().succeeded()).isTrue();
        }
      };

      for (DriftType type : DriftType.values()) {
        long compaction = compactAndAdvance(fixture, type, archiveBeforeCommit);
        Table table = fixture.catalog.table(type);
        table.refresh();
        assertThat(table.snapshot(table.snapshot(compaction).parentId()).summary())
            .as("the archive run committed in between").containsKey("scouter.archive.run-id");
        assertThat(stateSnapshot(fixture, type)).as("the cut moved over the compaction").isEqualTo(compaction);
        fixture.assertEveryRowInExactlyOnePlace();
      }
      assertThat(fixture.expiredUnarchived()).isZero();
      MaintenanceChecks.archiveLateArrivals(fixture, random, 1, 12);
      fixture.assertEveryRowInExactlyOnePlace();
    }
  }

  @Test
  void anArchiveCommitWhoseResponseWasLostIsReconciledAfterACompaction() throws Exception {
    try (ArchiveFixture fixture = new ArchiveFixture("maint_race_archive_lost")) {
      Random random = new Random(23);
      MaintenanceChecks.archiveLateArrivals(fixture, random, 4, 12);
      fixture.insert(MaintenanceChecks.lateArrivals(random, 12));
      ArchiveFaults responseLost = (step, type, runId) -> {
        if (step == ArchiveStep.AFTER_COMMIT) {
          throw new CommitStateUnknownException(new RuntimeException("response lost"));
        }
      };
      assertThat(fixture.archiver(responseLost).archive().tables())
          .allSatisfy(result -> assertThat(result.outcome()).isEqualTo(TableRunResult.Outcome.PENDING));

      MaintenancePassResult maintenance = maintain(fixture);
      assertThat(maintenance.succeeded()).as(maintenance.summary()).isTrue();
      fixture.assertEveryRowInExactlyOnePlace();

      // Reconciliation finds the pending run's snapshot below the compaction and finishes it.
      ArchivePassResult next = fixture.archiver(ArchiveFaults.NONE).archive();
      assertThat(next.succeeded()).isTrue();
      assertThat(fixture.expiredUnarchived()).isZero();
      fixture.assertEveryRowInExactlyOnePlace();
      assertThat(maintain(fixture).succeeded()).isTrue();
      for (DriftType type : DriftType.values()) {
        Table table = fixture.catalog.table(type);
        table.refresh();
        assertThat(stateSnapshot(fixture, type)).isEqualTo(table.currentSnapshot().snapshotId());
      }
      fixture.assertEveryRowInExactlyOnePlace();
    }
  }

  @Test
  void aCompactionWhoseResponseWasLostIsTakenUpByTheCutAndItsArchiveRunsGoOn() throws Exception {
    try (ArchiveFixture fixture = new ArchiveFixture("maint_race_compaction_lost")) {
      Random random = new Random(24);
      MaintenanceChecks.archiveLateArrivals(fixture, random, 4, 12);
      MaintenanceFaults responseLost = (point, type) -> {
        if (point == MaintenancePoint.COMPACTION_COMMITTED) {
          throw new CommitStateUnknownException(new RuntimeException("response lost"));
        }
      };

      MaintenancePassResult pass = MaintenanceChecks.maintainer(fixture, Instant.now(), MaintenanceSettings.defaults(),
          responseLost).maintain();

      assertThat(pass.succeeded()).as("the compaction step reports its unknown outcome").isFalse();
      for (DriftType type : DriftType.values()) {
        Table table = fixture.catalog.table(type);
        table.refresh();
        assertThat(table.snapshot(stateSnapshot(fixture, type)).operation())
            .as("the state step found the committed compaction anyway").isEqualTo(DataOperations.REPLACE);
      }
      fixture.assertEveryRowInExactlyOnePlace();
      MaintenanceChecks.archiveLateArrivals(fixture, random, 1, 12);
      fixture.assertEveryRowInExactlyOnePlace();
    }
  }

  @Test
  void aCompactionWhoseRequestWasLostLeavesItsFilesToOrphanCleanupAfterTheMargin() throws Exception {
    try (ArchiveFixture fixture = new ArchiveFixture("maint_race_compaction_request_lost")) {
      Random random = new Random(25);
      MaintenanceChecks.archiveLateArrivals(fixture, random, 4, 12);
      Table table = fixture.catalog.table(DriftType.SPC);
      Set<String> filesBefore = MaintenanceChecks.filesUnder(table);
      long stateBefore = stateSnapshot(fixture, DriftType.SPC);
      MaintenanceFaults requestLost = (point, type) -> {
        if (point == MaintenancePoint.BEFORE_COMPACTION_COMMIT) {
          throw new CommitStateUnknownException(new RuntimeException("request lost"));
        }
      };

      // The outcome is unknown to the step: it must keep what it wrote.
      assertThatThrownBy(() -> new Compaction().run(MaintenanceChecks.context(fixture, DriftType.SPC, requestLost)))
          .isInstanceOf(CommitStateUnknownException.class).hasMessageContaining("request lost");
      Set<String> leftOver = new HashSet<>(MaintenanceChecks.filesUnder(table));
      leftOver.removeAll(filesBefore);
      assertThat(leftOver).as("written compacted files are kept while the outcome is unknown").isNotEmpty();
      assertThat(stateSnapshot(fixture, DriftType.SPC)).isEqualTo(stateBefore);

      // Within the margin nothing is taken; after it the unreferenced files go and a new compaction succeeds.
      assertThat(maintain(fixture).succeeded()).isTrue();
      assertThat(MaintenanceChecks.filesUnder(table)).containsAll(leftOver);
      MaintenancePassResult later = MaintenanceChecks.maintainer(fixture, Instant.now().plus(Duration.ofDays(4)),
          MaintenanceSettings.defaults(), MaintenanceFaults.NONE).maintain();
      assertThat(later.succeeded()).isTrue();
      assertThat(MaintenanceChecks.filesUnder(table)).doesNotContainAnyElementsOf(leftOver);
      assertThat(MaintenanceChecks.referencedFiles(table)).containsExactlyInAnyOrderElementsOf(
          MaintenanceChecks.filesUnder(table));
      assertThat(rowsAt(table, DriftType.SPC, stateSnapshot(fixture, DriftType.SPC)))
          .containsExactlyInAnyOrderElementsOf(rowsAt(table, DriftType.SPC, stateBefore));
      fixture.assertEveryRowInExactlyOnePlace();
    }
  }

  private static MaintenancePassResult maintain(ArchiveFixture fixture) {
    return MaintenanceChecks.maintainer(fixture, Instant.now(), MaintenanceSettings.defaults(), MaintenanceFaults.NONE)
        .maintain();
  }

  /** One compaction and the state step, run directly on one table without its lock; returns the compaction snapshot. */
  private static long compactAndAdvance(ArchiveFixture fixture, DriftType type, MaintenanceFaults faults) {
    try {
      Long compaction = new Compaction().run(MaintenanceChecks.context(fixture, type, faults)).committedSnapshotId();
      assertThat(compaction).isNotNull();
      new StateAdvance().run(MaintenanceChecks.context(fixture, type, faults));
      return compaction;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
