package io.scouter.archive.archiver;

import static io.scouter.archive.archiver.MaintenanceChecks.smallFilesPerPartition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scouter.archive.archiver.maintenance.MaintenanceFaults;
import io.scouter.archive.archiver.maintenance.MaintenancePassResult;
import io.scouter.archive.archiver.maintenance.MaintenancePoint;
import io.scouter.archive.archiver.maintenance.MaintenanceSettings;
import io.scouter.archive.catalog.drift.DriftType;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.iceberg.Table;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A crash (an Error nothing catches, so no clean-up runs) at each point of a pass, then a restart. */
class MaintenanceCrashTest {
  private static final MaintenanceSettings SETTINGS = new MaintenanceSettings(Duration.ofDays(90), Duration.ofDays(3),
      MaintenanceSettings.DEFAULT_TARGET_FILE_SIZE_BYTES, 2, 2);

  /** A crash, as in {@link DataArchiverTest}. */
  static final class MaintenanceCrash extends Error {
    private static final long serialVersionUID = 1L;

    MaintenanceCrash(MaintenancePoint point) {
      super("simulated crash at " + point);
    }
  }

  @ParameterizedTest
  @EnumSource(MaintenancePoint.class)
  void aCrashAtEachPointLosesNothingAndTheNextPassFinishesTheWork(MaintenancePoint point) throws Exception {
    try (ArchiveFixture fixture = new ArchiveFixture("maint_crash_" + point.name().toLowerCase())) {
      MaintenanceChecks.archiveLateArrivals(fixture, new Random(41), 4, 12);
      for (DriftType type : DriftType.values()) {
        Table table = fixture.catalog.table(type);
        try (OutputStream out = table.io().newOutputFile(table.location() + "/data/stray.parquet").create()) {
          out.write(new byte[] {1});
        }
      }
      // Far enough ahead that snapshots expire and the stray files are past the margin.
      Instant later = Instant.now().plus(Duration.ofDays(100));
      AtomicBoolean crashed = new AtomicBoolean();
      MaintenanceFaults crash = (reached, type) -> {
        if (reached == point && crashed.compareAndSet(false, true)) {
          throw new MaintenanceCrash(point);
        }
      };

      assertThatThrownBy(() -> MaintenanceChecks.maintainer(fixture, later, SETTINGS, crash).maintain())
          .isInstanceOf(MaintenanceCrash.class).hasMessage("simulated crash at " + point);
      MaintenanceChecks.assertRowsInExactlyOnePlace(fixture);

      MaintenancePassResult restart = MaintenanceChecks.maintainer(fixture, later, SETTINGS, MaintenanceFaults.NONE)
          .maintain();

      assertThat(restart.succeeded()).as(restart.summary()).isTrue();
      MaintenanceChecks.assertRowsInExactlyOnePlace(fixture);
      for (DriftType type : DriftType.values()) {
        Table table = fixture.catalog.table(type);
        assertThat(smallFilesPerPartition(table, SETTINGS.targetFileSizeBytes()).values())
            .allSatisfy(count -> assertThat(count).isOne());
        assertThat(MaintenanceChecks.referencedFiles(table))
            .as("every referenced file is there and nothing else (crash leftovers included)")
            .containsExactlyInAnyOrderElementsOf(MaintenanceChecks.filesUnder(table));
        assertThat(MaintenanceChecks.maintenanceStatuses(fixture, type)).last().isEqualTo("done");
      }
      assertThat(DriftType.values()).anySatisfy(type -> assertThat(MaintenanceChecks.maintenanceStatuses(fixture, type))
          .contains("interrupted"));
      MaintenanceChecks.archiveLateArrivals(fixture, new Random(42), 1, 12);
      MaintenanceChecks.assertRowsInExactlyOnePlace(fixture);
    }
  }
}
