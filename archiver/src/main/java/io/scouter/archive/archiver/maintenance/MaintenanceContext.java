package io.scouter.archive.archiver.maintenance;

import io.scouter.archive.catalog.drift.DriftType;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.iceberg.Table;

/**
 * What a step works on: one table, the hot store that holds its archive state, the pass, its
 * settings and clock, and the readers' snapshot when the pass started (readers may still use it).
 */
public record MaintenanceContext(Table table, DriftType type, DataSource dataSource, UUID passId, Instant now,
    MaintenanceSettings settings, MaintenanceFaults faults, Long stateAtStart) {
  /** Snapshot summary key naming the maintenance pass that committed a snapshot. */
  public static final String PASS_ID = "scouter.maintenance.pass-id";
  /** Snapshot summary key naming the step that committed a snapshot. */
  public static final String STEP = "scouter.maintenance.step";

  void reached(MaintenancePoint point) {
    faults.reached(point, type);
  }
}
