package io.scouter.archive.archiver.maintenance;

import io.scouter.archive.archiver.run.RunSnapshots;
import io.scouter.archive.archiver.watermark.ArchiveState;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.iceberg.ExpireSnapshots;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.UpdateProperties;

/**
 * Expires snapshots older than the audit window with Iceberg's {@code ExpireSnapshots}, which then
 * deletes the data, manifest and manifest-list files only expired snapshots referenced. Kept
 * always: every snapshot younger than the window; the readers' snapshot in {@code archive_state}
 * (now and at the start of the pass, which readers still running may use) and the newest archive
 * run's snapshot (the archiver's next commit check looks for it), with every snapshot after them,
 * because Iceberg keeps a branch's history as an unbroken line from its head; and every tagged
 * snapshot until its tag's own retention ({@code max-ref-age-ms}) runs out, which Iceberg enforces.
 * The list Iceberg would expire is checked against the kept snapshots before committing.
 *
 * <p>Old metadata files are bounded by the table properties set here when missing
 * ({@code write.metadata.delete-after-commit.enabled}, {@code write.metadata.previous-versions-max}).
 */
public final class SnapshotExpiry implements MaintenanceStep {
  public static final String NAME = "snapshot-expiry";
  static final String PREVIOUS_VERSIONS_MAX = "100";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public StepOutcome run(MaintenanceContext context) throws SQLException {
    Table table = context.table();
    boundMetadataFiles(table);
    table.refresh();
    if (table.currentSnapshot() == null) {
      return StepOutcome.NOTHING;
    }
    Set<Long> kept = keptSnapshots(context);
    long olderThan = context.now().minus(context.settings().auditWindow()).toEpochMilli();
    for (long id : kept) {
      Snapshot snapshot = table.snapshot(id);
      if (snapshot != null) {
        olderThan = Math.min(olderThan, snapshot.timestampMillis());
      }
    }
    AtomicLong deleted = new AtomicLong();
    ExpireSnapshots expire = table.expireSnapshots()
        .expireOlderThan(olderThan)
        .retainLast(1)
        .cleanupLevel(ExpireSnapshots.CleanupLevel.ALL)
        .deleteWith(location -> {
          context.reached(MaintenancePoint.EXPIRED_FILE_DELETE);
          table.io().deleteFile(location);
          deleted.incrementAndGet();
        });
    List<Snapshot> expired = expire.apply();
    if (expired.isEmpty()) {
      return StepOutcome.of(null, "snapshots_expired", 0, "files_deleted", 0);
    }
    for (Snapshot snapshot : expired) {
      if (kept.contains(snapshot.snapshotId())) {
        throw new IllegalStateException("Refusing to expire snapshot " + snapshot.snapshotId() + " of "
            + context.type().tableName() + ": readers or the archiver still need it (is it off the main branch?)");
      }
    }
    expire.commit();
    return StepOutcome.of(null, "snapshots_expired", expired.size(), "files_deleted", deleted.get());
  }

  private static Set<Long> keptSnapshots(MaintenanceContext context) throws SQLException {
    Set<Long> kept = new HashSet<>();
    if (context.stateAtStart() != null) {
      kept.add(context.stateAtStart());
    }
    try (Connection connection = context.dataSource().getConnection()) {
      ArchiveState.read(connection, context.type()).ifPresent(state -> kept.add(state.snapshotId()));
    }
    RunSnapshots.newestRun(context.table()).ifPresent(snapshot -> kept.add(snapshot.snapshotId()));
    return kept;
  }

  private static void boundMetadataFiles(Table table) {
    Map<String, String> properties = table.properties();
    boolean deleteAfterCommit = properties.containsKey(TableProperties.METADATA_DELETE_AFTER_COMMIT_ENABLED);
    boolean versionsMax = properties.containsKey(TableProperties.METADATA_PREVIOUS_VERSIONS_MAX);
    if (deleteAfterCommit && versionsMax) {
      return;
    }
    UpdateProperties update = table.updateProperties();
    if (!deleteAfterCommit) {
      update.set(TableProperties.METADATA_DELETE_AFTER_COMMIT_ENABLED, "true");
    }
    if (!versionsMax) {
      update.set(TableProperties.METADATA_PREVIOUS_VERSIONS_MAX, PREVIOUS_VERSIONS_MAX);
    }
    update.commit();
  }
}
