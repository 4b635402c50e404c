package io.scouter.archive.archiver;

import static io.scouter.archive.archiver.MaintenanceChecks.rowsAt;
import static io.scouter.archive.archiver.MaintenanceChecks.stateSnapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scouter.archive.archiver.maintenance.MaintenanceFaults;
import io.scouter.archive.archiver.maintenance.MaintenancePassResult;
import io.scouter.archive.archiver.maintenance.MaintenanceSettings;
import io.scouter.archive.archiver.maintenance.OrphanCleanup;
import io.scouter.archive.archiver.maintenance.SnapshotExpiry;
import io.scouter.archive.archiver.run.ArchiveFaults;
import io.scouter.archive.archiver.run.ArchiveStep;
import io.scouter.archive.archiver.run.RunSnapshots;
import io.scouter.archive.catalog.drift.DriftType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.Test;

class ExpiryAndOrphanTest {
  private static final Duration WINDOW = MaintenanceSettings.DEFAULT_AUDIT_WINDOW;

  @Test
  void expiryKeepsTheWindowTheReadersSnapshotTheNewestRunAndTags() throws Exception {
    try (ArchiveFixture fixture = new ArchiveFixture("maint_expiry")) {
      Random random = new Random(31);
      MaintenanceChecks.archiveLateArrivals(fixture, random, 3, 12);
      Table table = fixture.catalog.table(DriftType.PSI);
      table.refresh();
      long tagged = table.currentSnapshot().snapshotId();
      List<String> taggedRows = rowsAt(table, DriftType.PSI, tagged);
      table.manageSnapshots().createTag("q3-signoff", tagged).commit();
      MaintenanceChecks.archiveLateArrivals(fixture, random, 3, 12);
      table.refresh();
      Snapshot boundary = table.currentSnapshot();
      MaintenanceChecks.archiveLateArrivals(fixture, random, 3, 12);

      // Now: everything is inside the window; the pass compacts and expires nothing.
      MaintenancePassResult inside = MaintenanceChecks.maintainer(fixture, Instant.now(), MaintenanceSettings.defaults(),
          MaintenanceFaults.NONE).maintain();
      assertThat(inside.succeeded()).as(inside.summary()).isTrue();
      assertThat(inside.tables()).allSatisfy(t -> assertThat(t.count(SnapshotExpiry.NAME, "snapshots_expired")).isZero());

      // A window ending at the boundary snapshot: older ones go, except the tagged one.
      table.refresh();
      Set<Long> younger = new HashSet<>();
      for (Snapshot snapshot : table.snapshots()) {
        if (snapshot.timestampMillis() >= boundary.timestampMillis()) {
          younger.add(snapshot.snapshotId());
        }
      }
      Instant now = Instant.ofEpochMilli(boundary.timestampMillis()).plus(WINDOW);
      MaintenancePassResult pass = MaintenanceChecks.maintainer(fixture, now, MaintenanceSettings.defaults(),
          MaintenanceFaults.NONE).maintain();

      assertThat(pass.succeeded()).as(pass.summary()).isTrue();
      table.refresh();
      Set<Long> retained = new HashSet<>();
      table.snapshots().forEach(snapshot -> retained.add(snapshot.snapshotId()));
      assertThat(retained).as("every snapshot inside the window").containsAll(younger);
      assertThat(retained).as("the tagged snapshot").contains(tagged);
      assertThat(pass.tables()).allSatisfy(t -> assertThat(t.count(SnapshotExpiry.NAME, "snapshots_expired"))
          .isPositive());
      assertThat(rowsAt(table, DriftType.PSI, table.refs().get("q3-signoff").snapshotId()))
          .containsExactlyInAnyOrderElementsOf(taggedRows);

      // Long after: only the readers' snapshot, the newest run and the tag are left, and their files only.
      MaintenancePassResult later = MaintenanceChecks.maintainer(fixture, Instant.now().plus(Duration.ofDays(400)),
          MaintenanceSettings.defaults(), MaintenanceFaults.NONE).maintain();
      assertThat(later.succeeded()).as(later.summary()).isTrue();
      for (DriftType type : DriftType.values()) {
        Table each = fixture.catalog.table(type);
        each.refresh();
        long state = stateSnapshot(fixture, type);
        long newestRun = RunSnapshots.newestRun(each).orElseThrow().snapshotId();
        assertThat(each.snapshot(state)).isNotNull();
        assertThat(each.snapshot(newestRun)).isNotNull();
        assertThat(MaintenanceChecks.referencedFiles(each))
            .as("files only expired snapshots referenced are deleted, no referenced file is")
            .containsExactlyInAnyOrderElementsOf(MaintenanceChecks.filesUnder(each));
      }
      assertThat(table.snapshot(tagged)).isNotNull();
      assertThat(rowsAt(table, DriftType.PSI, tagged)).containsExactlyInAnyOrderElementsOf(taggedRows);
      MaintenanceChecks.assertRowsInExactlyOnePlace(fixture);

      // The archiver's next commit check still finds its run chain.
      MaintenanceChecks.archiveLateArrivals(fixture, random, 1, 12);
      MaintenanceChecks.assertRowsInExactlyOnePlace(fixture);
      assertThat(table.properties()).containsEntry("write.metadata.delete-after-commit.enabled", "true");
    }
  }

  @Test
  void orphanCleanupKeepsReferencedYoungAndPendingRunFiles() throws Exception {
    try (ArchiveFixture fixture = new ArchiveFixture("maint_orphans")) {
      Random random = new Random(32);
      MaintenanceChecks.archiveLateArrivals(fixture, random, 3, 12);
      fixture.insert(MaintenanceChecks.lateArrivals(random, 12));
      ArchiveFaults crashAfterWrite = (step, type, runId) -> {
        if (step == ArchiveStep.AFTER_WRITE && type == DriftType.SPC) {
          throw new DataArchiverTest.SimulatedCrash(step);
        }
      };
      // The SPC run is left pending with its files written and referenced by nothing.
      assertThatThrownBy(() -> fixture.archiver(crashAfterWrite).archive())
          .isInstanceOf(DataArchiverTest.SimulatedCrash.class).hasMessage("simulated crash at AFTER_WRITE");
      Table table = fixture.catalog.table(DriftType.SPC);
      long pendingRun = pendingRun(fixture);
      List<String> pendingFiles = new ArrayList<>();
      for (String file : MaintenanceChecks.filesUnder(table)) {
        if (file.contains(RunSnapshots.fileLabel(pendingRun))) {
          pendingFiles.add(file);
        }
      }
      assertThat(pendingFiles).isNotEmpty();
      Instant now = Instant.now().plus(Duration.ofDays(4));
      String stray = writeFile(table, "data/stray-orphan.parquet", Instant.now());
      String young = writeFile(table, "data/young-orphan.parquet", now.minus(Duration.ofDays(2)));
      Set<String> referencedBefore = MaintenanceChecks.referencedFiles(table);

      MaintenancePassResult pass = MaintenanceChecks.maintainer(fixture, now, MaintenanceSettings.defaults(),
          MaintenanceFaults.NONE).maintain();

      assertThat(pass.succeeded()).as(pass.summary()).isTrue();
      Set<String> files = MaintenanceChecks.filesUnder(table);
      assertThat(files).doesNotContain(stray);
      assertThat(files).as("younger than the margin").contains(young);
      assertThat(files).as("a pending run's files").containsAll(pendingFiles);
      assertThat(files).as("every file referenced before (the pass kept all snapshots)").containsAll(referencedBefore);
      assertThat(files).containsAll(MaintenanceChecks.referencedFiles(table));
      assertThat(pass.tables()).anySatisfy(t -> assertThat(t.count(OrphanCleanup.NAME, "orphans_deleted")).isPositive());

      // Reconciled (released), the run's files are orphans like any other.
      assertThat(fixture.archiver(ArchiveFaults.NONE).archive().succeeded()).isTrue();
      assertThat(MaintenanceChecks.maintainer(fixture, now, MaintenanceSettings.defaults(), MaintenanceFaults.NONE)
          .maintain().succeeded()).isTrue();
      assertThat(MaintenanceChecks.filesUnder(table)).doesNotContainAnyElementsOf(pendingFiles);
      fixture.assertEveryRowInExactlyOnePlace();
    }
  }

  private static long pendingRun(ArchiveFixture fixture) throws Exception {
    try (Connection connection = fixture.hotStore.dataSource().getConnection();
        ResultSet row = connection.createStatement().executeQuery(
            "SELECT id FROM scouter.archive_run WHERE status = 'pending' AND table_name = 'spc_drift'")) {
      assertThat(row.next()).isTrue();
      return row.getLong(1);
    }
  }

  /** A file no snapshot references, on local disk with the given modification time. */
  private static String writeFile(Table table, String relative, Instant modified) throws IOException {
    String location = table.location() + "/" + relative;
    try (OutputStream out = table.io().newOutputFile(location).createOrOverwrite()) {
      out.write(new byte[] {1, 2, 3});
    }
    Path path = Path.of(location.replaceFirst("^file:", ""));
    Files.setLastModifiedTime(path, FileTime.from(modified));
    return MaintenanceChecks.filesUnder(table).stream().filter(file -> file.endsWith(relative)).findFirst()
        .orElseThrow();
  }
}
