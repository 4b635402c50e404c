package io.scouter.archive.archiver.maintenance;

import java.util.Optional;
import java.util.UUID;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;

/** Finds the snapshot a maintenance step committed by its marker, never by "the current snapshot" (others commit too). */
final class MaintenanceSnapshots {
  private MaintenanceSnapshots() {}

  static Optional<Snapshot> committedBy(Table table, UUID passId, String step) {
    table.refresh();
    Snapshot current = table.currentSnapshot();
    if (current == null) {
      return Optional.empty();
    }
    for (Snapshot snapshot : SnapshotUtil.ancestorsOf(current.snapshotId(), table::snapshot)) {
      if (snapshot.summary() != null && passId.toString().equals(snapshot.summary().get(MaintenanceContext.PASS_ID))
          && step.equals(snapshot.summary().get(MaintenanceContext.STEP))) {
        return Optional.of(snapshot);
      }
    }
    return Optional.empty();
  }
}
