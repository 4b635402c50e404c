package io.scouter.archive.archiver.duplicates;

import io.scouter.archive.archiver.duplicates.DuplicateRemovalResult.Outcome;
import io.scouter.archive.archiver.duplicates.DuplicateRemovalResult.TableResult;
import io.scouter.archive.archiver.run.TableLock;
import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.archiver.watermark.ArchiveState;
import io.scouter.archive.catalog.iceberg.ArchiveCatalog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.RewriteFiles;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.util.SnapshotUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes record keys held more than once in the archive (stored twice by versions before ingestion
 * checked the archive): per table, under the table's archive lock, finds the affected (day, entity)
 * partitions ({@link DuplicateFinder}), writes each again with one copy per key
 * ({@link PartitionRewriter}), and replaces their files in one Iceberg {@link RewriteFiles} commit,
 * validated from the snapshot it read (a concurrent commit that removed one of those files fails it);
 * then moves the readers' cut to the new snapshot in one PostgreSQL transaction. Other partitions'
 * files are untouched. The snapshot's summary carries {@link #RUN_ID}, never the archive's run id, so
 * the archiver's run chain looks past it.
 */
public final class DuplicateRemover {
  private static final Logger LOG = LoggerFactory.getLogger(DuplicateRemover.class);
  public static final String RUN_ID = "scouter.duplicate-removal.run-id";

  private final DataSource dataSource;
  private final ArchiveCatalog catalog;
  private final DuplicateRemovalStore store;
  private final RemovalStep.Faults faults;

  public DuplicateRemover(DataSource dataSource, ArchiveCatalog catalog, RemovalStep.Faults faults) {
    this.dataSource = dataSource;
    this.catalog = catalog;
    this.store = new DuplicateRemovalStore(dataSource);
    this.faults = faults;
  }

  public synchronized DuplicateRemovalResult removeDuplicates() {
    List<TableResult> results = new ArrayList<>();
    for (DriftType type : DriftType.values()) {
      TableResult result;
      try {
        result = removeFrom(type);
      } catch (SQLException | RuntimeException e) {
        LOG.error("Duplicate removal of {} failed", type.tableName(), e);
        result = TableResult.of(type, Outcome.FAILED, e.toString());
      }
      LOG.info("Duplicate removal of {}: {}", type.tableName(), result);
      results.add(result);
    }
    return new DuplicateRemovalResult(results);
  }

  private TableResult removeFrom(DriftType type) throws SQLException {
    Optional<TableLock> acquired = TableLock.tryAcquire(dataSource, type);
    if (acquired.isEmpty()) {
      return TableResult.of(type, Outcome.SKIPPED_LOCKED, "an archive run of the table holds its lock");
    }
    try (TableLock lock = acquired.get()) {
      Table table = catalog.table(type);
      table.refresh();
      if (hasPendingArchiveRun(type)) {
        return TableResult.of(type, Outcome.REFUSED, "an archive run is unfinished: run an archive pass first");
      }
      reconcile(type, table);
      Optional<ArchiveState> state = readState(type);
      if (state.isEmpty() || table.currentSnapshot() == null) {
        return TableResult.of(type, Outcome.NOTHING_TO_DO, null);
      }
      long base = table.currentSnapshot().snapshotId();
      DuplicateFinder finder = new DuplicateFinder(table, type);
      List<AffectedPartition> affected = finder.find(base);
      if (affected.isEmpty()) {
        return new TableResult(type, Outcome.NOTHING_TO_DO, finder.partitionsRead(), 0, 0, 0, 0, null, null);
      }
      return rewrite(type, table, state.get(), base, finder.partitionsRead(), affected, lock);
    }
  }

  private TableResult rewrite(DriftType type, Table table, ArchiveState state, long base, int partitionsRead,
      List<AffectedPartition> affected, TableLock lock) throws SQLException {
    long runId = store.start(type, base);
    PartitionRewriter rewriter = new PartitionRewriter(table, type, "dedup-" + runId);
    List<DataFile> added = new ArrayList<>();
    RewriteFiles rewrite = table.newRewrite().validateFromSnapshot(base);
    long keys = 0;
    long removed = 0;
    int replaced = 0;
    try {
      for (AffectedPartition partition : affected) {
        PartitionRewriter.Rewritten result = rewriter.rewrite(partition);
        added.add(result.file());
        rewrite.addFile(result.file());
        partition.files().forEach(rewrite::deleteFile);
        replaced += partition.files().size();
        keys += partition.duplicated().size();
        removed += result.rowsRemoved();
      }
      rewrite.set(RUN_ID, Long.toString(runId));
      faults.reached(RemovalStep.AFTER_WRITE, type);
      if (!lock.held()) {
        throw new IllegalStateException("The table's archive lock was lost before the commit");
      }
      rewrite.commit();
    } catch (CommitStateUnknownException e) {
      LOG.warn("Duplicate removal {} of {}: commit outcome unknown, reconciled next time", runId, type.tableName());
      return TableResult.of(type, Outcome.PENDING, e.getMessage());
    } catch (RuntimeException e) {
      added.forEach(file -> deleteQuietly(table, file));
      store.fail(runId, null, e.toString());
      throw e;
    }
    long snapshotId = snapshotOf(table, runId).orElseThrow().snapshotId();
    faults.reached(RemovalStep.AFTER_COMMIT, type);
    TableResult result = new TableResult(type, Outcome.DONE, partitionsRead, keys, removed, replaced, added.size(),
        snapshotId, null);
    store.finish(runId, type, state.snapshotId(), snapshotId, result);
    return result;
  }

  /**
   * Closes removals a crash left running: committed ones as done (moving the readers' cut to them if
   * no archive run has moved it past them since), the others as failed; their files are orphans.
   */
  private void reconcile(DriftType type, Table table) throws SQLException {
    for (long runId : store.running(type)) {
      Optional<Snapshot> committed = snapshotOf(table, runId);
      Optional<ArchiveState> state = readState(type);
      if (committed.isPresent() && state.isPresent()) {
        long from = state.get().snapshotId();
        boolean behind = from != committed.get().snapshotId()
            && SnapshotUtil.isAncestorOf(table, committed.get().snapshotId(), from);
        store.finish(runId, type, behind ? from : -1, committed.get().snapshotId(),
            TableResult.of(type, Outcome.DONE, null));
        LOG.info("Reconciled duplicate removal {} of {}: committed in snapshot {}", runId, type.tableName(),
            committed.get().snapshotId());
      } else {
        store.fail(runId, null, "Interrupted before its commit");
      }
    }
  }

  private static Optional<Snapshot> snapshotOf(Table table, long runId) {
    table.refresh();
    if (table.currentSnapshot() == null) {
      return Optional.empty();
    }
    String id = Long.toString(runId);
    for (Snapshot snapshot : SnapshotUtil.ancestorsOf(table.currentSnapshot().snapshotId(),
        table::snapshot)) {
      if (snapshot.summary() != null && id.equals(snapshot.summary().get(RUN_ID))) {
        return Optional.of(snapshot);
      }
    }
    return Optional.empty();
  }

  private Optional<ArchiveState> readState(DriftType type) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return ArchiveState.read(connection, type);
    }
  }

  private boolean hasPendingArchiveRun(DriftType type) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(
            "SELECT 1 FROM scouter.archive_run WHERE table_name = ? AND status = 'pending'")) {
      statement.setString(1, type.tableName());
      try (ResultSet row = statement.executeQuery()) {
        return row.next();
      }
    }
  }

  private static void deleteQuietly(Table table, DataFile file) {
    try {
      table.io().deleteFile(file.location());
    } catch (RuntimeException e) {
      LOG.warn("Cannot delete uncommitted data file {}; orphan cleanup will", file.location(), e);
    }
  }
}
