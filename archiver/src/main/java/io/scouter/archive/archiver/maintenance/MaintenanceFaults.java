package io.scouter.archive.archiver.maintenance;

import io.scouter.archive.catalog.drift.DriftType;

/**
 * A test hook called at each {@link MaintenancePoint}. Production uses {@link #NONE}; tests throw an
 * {@link Error} from here to simulate a crash, or commit to the table to simulate a race.
 */
@FunctionalInterface
public interface MaintenanceFaults {
  MaintenanceFaults NONE = (point, type) -> { };

  void reached(MaintenancePoint point, DriftType type);
}
