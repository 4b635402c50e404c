package io.scouter.archive.archiver;

import static org.assertj.core.api.Assertions.assertThat;

import io.scouter.archive.archiver.maintenance.Compaction;
import io.scouter.archive.archiver.maintenance.MaintenanceFaults;
import io.scouter.archive.archiver.run.ArchiveFaults;
import io.scouter.archive.archiver.run.ArchiveStep;
import io.scouter.archive.archiver.run.TableRunResult;
import io.scouter.archive.catalog.drift.DriftType;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.Test;

/**
 * The archiver names its run's snapshot by the run marker, not as the table's current snapshot:
 * the catalog's Table objects are shared and refreshed by other threads, so a commit by someone
 * else right after the run's own (here a compaction, committed and refreshed into the shared
 * Table between the append and the lookup) must not be recorded as the run's snapshot.
 */
class RunSnapshotLookupTest {

  @Test
  void aForeignCommitRightAfterTheRunsOwnIsNotRecordedAsTheRunsSnapshot() throws Exception {
    try (ArchiveFixture fixture = new ArchiveFixture("archive_snapshot_lookup")) {
      Random random = new Random(51);
      MaintenanceChecks.archiveLateArrivals(fixture, random, 2, 200);
      fixture.insert(MaintenanceChecks.lateArrivals(random, 200));
      Set<DriftType> compacted = EnumSet.noneOf(DriftType.class);
      ArchiveFaults foreignCommitAfterOurs = (step, type, runId) -> {
        if (step == ArchiveStep.AFTER_COMMIT && compacted.add(type)) {
          try {
            assertThat(new Compaction().run(MaintenanceChecks.context(fixture, type, MaintenanceFaults.NONE))
                .committedSnapshotId()).isNotNull();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }
      };

      ArchivePassResult pass = fixture.archiver(foreignCommitAfterOurs).archive();

      assertThat(pass.succeeded()).isTrue();
      for (TableRunResult result : pass.tables()) {
        Table table = fixture.catalog.table(result.type());
        assertThat(table.currentSnapshot().snapshotId()).as("the foreign commit is the shared Table's current one")
            .isNotEqualTo(result.snapshotId());
        assertThat(table.snapshot(result.snapshotId()).summary())
            .containsEntry("scouter.archive.run-id", result.runIds().get(0).toString());
        assertThat(fixture.readersSnapshot(result.type())).contains(result.snapshotId());
      }
      fixture.assertEveryRowInExactlyOnePlace();
    }
  }
}
