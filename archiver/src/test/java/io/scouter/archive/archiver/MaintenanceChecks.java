package io.scouter.archive.archiver;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.scouter.archive.archiver.maintenance.ArchiveMaintainer;
import io.scouter.archive.archiver.maintenance.MaintenanceContext;
import io.scouter.archive.archiver.maintenance.MaintenanceFaults;
import io.scouter.archive.archiver.maintenance.MaintenanceSettings;
import io.scouter.archive.catalog.drift.DriftRecord;
import io.scouter.archive.catalog.drift.DriftType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.ReachableFileUtil;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.io.SupportsPrefixOperations;
import org.apache.iceberg.util.SnapshotUtil;

/** What the maintenance tests generate and check, independently of the maintenance code. */
final class MaintenanceChecks {
  /** Two archived days that late arrivals keep coming into. */
  static final Instant LATE_DAY = Instant.now().truncatedTo(ChronoUnit.DAYS)
      .minus(ArchiveFixture.RETENTION.duration()).minus(Duration.ofDays(4));

  private MaintenanceChecks() {}

  /** Records of random entities and types with timestamps inside the two late days. */
  static List<DriftRecord> lateArrivals(Random random, int count) {
    List<DriftRecord> records = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Instant at = LATE_DAY.plusSeconds(random.nextInt(2 * 86_400)).plusNanos(random.nextInt(1_000_000) * 1000L);
      records.add(ArchiveFixture.randomRecord(random, at));
    }
    return records;
  }

  /** {@code runs} archive passes, each after a few late arrivals: small files piling up in the same partitions. */
  static void archiveLateArrivals(ArchiveFixture fixture, Random random, int runs, int rowsPerRun) throws SQLException {
    DataArchiver archiver = fixture.archiver(io.scouter.archive.archiver.run.ArchiveFaults.NONE);
    for (int i = 0; i < runs; i++) {
      fixture.insert(lateArrivals(random, rowsPerRun));
      assertThat(archiver.archive().succeeded()).isTrue();
    }
  }

  static ArchiveMaintainer maintainer(ArchiveFixture fixture, Instant now, MaintenanceSettings settings,
      MaintenanceFaults faults) {
    return new ArchiveMaintainer(fixture.hotStore.dataSource(), fixture.catalog, settings,
        ArchiveMaintainer.standardSteps(), faults, Clock.fixed(now, ZoneOffset.UTC), new MetricRegistry());
  }

  /** A context for running one step directly, without the pass and its lock (as a replica that lost it would). */
  static MaintenanceContext context(ArchiveFixture fixture, DriftType type, MaintenanceFaults faults) {
    Table table = fixture.catalog.table(type);
    return new MaintenanceContext(table, type, fixture.hotStore.dataSource(), UUID.randomUUID(), Instant.now(),
        MaintenanceSettings.defaults(), faults, null);
  }

  static List<String> rowsAt(Table table, DriftType type, long snapshotId) {
    List<String> rows = new ArrayList<>();
    try (CloseableIterable<Record> records = IcebergGenerics.read(table).useSnapshot(snapshotId).build()) {
      records.forEach(record -> rows.add(RowKeys.of(type, record)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  static long stateSnapshot(ArchiveFixture fixture, DriftType type) throws SQLException {
    return fixture.readersSnapshot(type).orElseThrow();
  }

  /** Per partition of the current snapshot, the number of data files under the target size. */
  static Map<String, Integer> smallFilesPerPartition(Table table, long targetSize) throws IOException {
    table.refresh();
    Map<String, Integer> small = new HashMap<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      for (FileScanTask task : tasks) {
        if (task.file().fileSizeInBytes() < targetSize) {
          small.merge(table.spec().partitionToPath(task.file().partition()), 1, Integer::sum);
        }
      }
    }
    return small;
  }

  /**
   * The protocol's row invariants after maintenance (which may have expired old run snapshots):
   * ingested = hot-unarchived ⊎ Iceberg at the readers' snapshot; rows marked archived are that
   * content; no run id twice in the current history; the readers' snapshot is in it.
   */
  static void assertRowsInExactlyOnePlace(ArchiveFixture fixture) throws SQLException {
    List<String> expected = new ArrayList<>();
    fixture.ingested.forEach(record -> expected.add(RowKeys.of(record)));
    List<String> hotUnarchived = new ArrayList<>();
    List<String> hotArchived = new ArrayList<>();
    List<String> iceberg = new ArrayList<>();
    for (DriftType type : DriftType.values()) {
      hotUnarchived.addAll(RowKeys.hot(fixture.hotStore.dataSource(), type, ArchiveFixture.unarchived(type)));
      hotArchived.addAll(RowKeys.hot(fixture.hotStore.dataSource(), type, ArchiveFixture.archived(type)));
      Table table = fixture.catalog.table(type);
      table.refresh();
      if (fixture.readersSnapshot(type).isEmpty()) {
        continue;
      }
      long state = stateSnapshot(fixture, type);
      iceberg.addAll(rowsAt(table, type, state));
      Set<Long> ancestors = new HashSet<>();
      Set<String> runIds = new HashSet<>();
      for (Snapshot snapshot : SnapshotUtil.ancestorsOf(table.currentSnapshot().snapshotId(), table::snapshot)) {
        ancestors.add(snapshot.snapshotId());
        String runId = snapshot.summary().get("scouter.archive.run-id");
        if (runId != null) {
          assertThat(runIds.add(runId)).as("run %s committed once", runId).isTrue();
        }
      }
      assertThat(ancestors).as("the readers' snapshot is in the table's history").contains(state);
    }
    List<String> union = new ArrayList<>(hotUnarchived);
    union.addAll(iceberg);
    assertThat(union).as("hot-unarchived ⊎ archive").containsExactlyInAnyOrderElementsOf(expected);
    assertThat(hotArchived).as("rows marked archived are the archive").containsExactlyInAnyOrderElementsOf(iceberg);
  }

  /** Every file under the table's location, as its FileIO lists it. */
  static Set<String> filesUnder(Table table) {
    Set<String> files = new HashSet<>();
    for (FileInfo file : ((SupportsPrefixOperations) table.io()).listPrefix(table.location() + "/")) {
      files.add(file.location());
    }
    return files;
  }

  /**
   * Every file the retained metadata references, found by reading each retained snapshot in full
   * (which also proves each one is still readable) and its manifests.
   */
  static Set<String> referencedFiles(Table table) throws IOException {
    table.refresh();
    Set<String> files = new HashSet<>(ReachableFileUtil.metadataFileLocations(table, false));
    files.addAll(ReachableFileUtil.manifestListLocations(table));
    for (Snapshot snapshot : table.snapshots()) {
      for (ManifestFile manifest : snapshot.allManifests(table.io())) {
        files.add(manifest.path());
      }
      try (CloseableIterable<FileScanTask> tasks = table.newScan().useSnapshot(snapshot.snapshotId()).planFiles()) {
        tasks.forEach(task -> files.add(task.file().location()));
      }
      try (CloseableIterable<Record> records = IcebergGenerics.read(table).useSnapshot(snapshot.snapshotId()).build()) {
        records.forEach(record -> { });
      }
    }
    return files;
  }

  static List<String> maintenanceStatuses(ArchiveFixture fixture, DriftType type) throws SQLException {
    List<String> statuses = new ArrayList<>();
    try (Connection connection = fixture.hotStore.dataSource().getConnection();
        PreparedStatement statement = connection.prepareStatement(
            "SELECT status FROM scouter.maintenance_run WHERE table_name = ? ORDER BY id")) {
      statement.setString(1, type.tableName());
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          statuses.add(rows.getString(1));
        }
      }
    }
    return statuses;
  }
}
