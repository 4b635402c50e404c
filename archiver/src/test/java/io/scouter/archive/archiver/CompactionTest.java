package io.scouter.archive.archiver;

import static io.scouter.archive.archiver.MaintenanceChecks.rowsAt;
import static io.scouter.archive.archiver.MaintenanceChecks.smallFilesPerPartition;
import static io.scouter.archive.archiver.MaintenanceChecks.stateSnapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.scouter.archive.archiver.maintenance.Compaction;
import io.scouter.archive.archiver.maintenance.MaintenanceFaults;
import io.scouter.archive.archiver.maintenance.MaintenancePassResult;
import io.scouter.archive.archiver.maintenance.MaintenanceSettings;
import io.scouter.archive.archiver.maintenance.TableMaintenanceResult;
import io.scouter.archive.archiver.run.ArchiveFaults;
import io.scouter.archive.catalog.drift.DriftType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.Test;

class CompactionTest {
  private static final long TARGET = MaintenanceSettings.DEFAULT_TARGET_FILE_SIZE_BYTES;

  @Test
  void fiftyRunsOfLateArrivalsCompactToOneSmallFilePerPartitionWithTheSameRows() throws Exception {
    try (ArchiveFixture fixture = new ArchiveFixture("maint_compact")) {
      Random random = new Random(11);
      MaintenanceChecks.archiveLateArrivals(fixture, random, 25, 12);
      Map<DriftType, Long> midway = new EnumMap<>(DriftType.class);
      Map<DriftType, List<String>> midwayRows = new EnumMap<>(DriftType.class);
      for (DriftType type : DriftType.values()) {
        midway.put(type, stateSnapshot(fixture, type));
        midwayRows.put(type, rowsAt(fixture.catalog.table(type), type, midway.get(type)));
      }
      MaintenanceChecks.archiveLateArrivals(fixture, random, 25, 12);
      Map<DriftType, Long> before = new EnumMap<>(DriftType.class);
      Map<DriftType, List<String>> rowsBefore = new EnumMap<>(DriftType.class);
      for (DriftType type : DriftType.values()) {
        Table table = fixture.catalog.table(type);
        assertThat(smallFilesPerPartition(table, TARGET).values()).as("late arrivals left many small files")
            .anySatisfy(count -> assertThat(count).isGreaterThan(5));
        before.put(type, stateSnapshot(fixture, type));
        rowsBefore.put(type, rowsAt(table, type, before.get(type)));
      }

      MaintenancePassResult pass = MaintenanceChecks.maintainer(fixture, Instant.now(), MaintenanceSettings.defaults(),
          MaintenanceFaults.NONE).maintain();

      assertThat(pass.succeeded()).as(pass.summary()).isTrue();
      for (DriftType type : DriftType.values()) {
        Table table = fixture.catalog.table(type);
        table.refresh();
        assertThat(smallFilesPerPartition(table, TARGET).values()).allSatisfy(count -> assertThat(count).isOne());
        long state = stateSnapshot(fixture, type);
        assertThat(state).as("the readers' cut moved to the compaction").isNotEqualTo(before.get(type));
        assertThat(table.snapshot(state).operation()).isEqualTo(DataOperations.REPLACE);
        assertThat(rowsAt(table, type, state)).containsExactlyInAnyOrderElementsOf(rowsBefore.get(type));
        // As-of reads of pre-compaction snapshots inside the audit window are unchanged.
        assertThat(rowsAt(table, type, before.get(type))).containsExactlyInAnyOrderElementsOf(rowsBefore.get(type));
        assertThat(rowsAt(table, type, midway.get(type))).containsExactlyInAnyOrderElementsOf(midwayRows.get(type));
        TableMaintenanceResult result = pass.tables().stream().filter(t -> t.type() == type).findFirst().orElseThrow();
        assertThat(result.after().dataFiles()).isLessThan(result.before().dataFiles());
        assertThat(result.count(Compaction.NAME, "files_rewritten")).isEqualTo(result.before().dataFiles());
      }
      fixture.assertEveryRowInExactlyOnePlace();
      try (Connection connection = fixture.hotStore.dataSource().getConnection();
          ResultSet row = connection.createStatement().executeQuery(
              "SELECT count(*), bool_and(data_files_after < data_files_before), "
                  + "bool_and(jsonb_array_length(steps) = 5) FROM scouter.maintenance_run WHERE status = 'done'")) {
        row.next();
        assertThat(row.getInt(1)).isEqualTo(3);
        assertThat(row.getBoolean(2)).isTrue();
        assertThat(row.getBoolean(3)).isTrue();
      }

      // The run chain walks past the compaction: archiving goes on, exactly once.
      MaintenanceChecks.archiveLateArrivals(fixture, random, 2, 12);
      fixture.assertEveryRowInExactlyOnePlace();
      assertThat(fixture.archiver(ArchiveFaults.NONE).archive().rows()).isZero();
    }
  }
}
