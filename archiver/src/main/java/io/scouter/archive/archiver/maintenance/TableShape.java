package io.scouter.archive.archiver.maintenance;

import org.apache.iceberg.ReachableFileUtil;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;

/** How big a table's current state and history are: what a pass is judged by, before and after. */
public record TableShape(long dataFiles, long bytes, long snapshots, long manifests, long metadataFiles) {
  public static final TableShape EMPTY = new TableShape(0, 0, 0, 0, 0);

  static TableShape of(Table table) {
    table.refresh();
    Snapshot current = table.currentSnapshot();
    if (current == null) {
      return EMPTY;
    }
    return new TableShape(
        Long.parseLong(current.summary().getOrDefault(SnapshotSummary.TOTAL_DATA_FILES_PROP, "0")),
        Long.parseLong(current.summary().getOrDefault(SnapshotSummary.TOTAL_FILE_SIZE_PROP, "0")),
        count(table.snapshots()),
        current.allManifests(table.io()).size(),
        ReachableFileUtil.metadataFileLocations(table, false).size());
  }

  private static long count(Iterable<?> items) {
    long count = 0;
    for (Object ignored : items) {
      count++;
    }
    return count;
  }
}
