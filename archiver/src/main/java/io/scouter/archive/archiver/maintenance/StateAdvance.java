package io.scouter.archive.archiver.maintenance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * Moves {@code scouter.archive_state} from its snapshot to the newest later snapshot that holds
 * exactly the same rows, in one PostgreSQL transaction, so that readers plan the compacted files
 * and the pre-compaction snapshot can age out. Only snapshots that rewrote files without changing
 * content are walked over: operation {@code replace} with as many records added as deleted
 * (compaction, manifest rewrite). An archive append in between stops the walk: the archiver moves
 * the state past its own run when it finishes it (a compare-and-set on the run), and the next pass
 * moves it on. Repeating this step, or running it after a crash or a lost commit response, is safe:
 * it only ever moves the state over content-preserving snapshots, compare-and-set on the snapshot.
 */
public final class StateAdvance implements MaintenanceStep {
  public static final String NAME = "state-advance";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public StepOutcome run(MaintenanceContext context) throws SQLException {
    try (Connection connection = context.dataSource().getConnection()) {
      connection.setAutoCommit(false);
      try {
        Long state = lockedState(connection, context);
        Long target = state == null ? null : sameContentDescendant(context.table(), state);
        if (target == null || target.equals(state)) {
          connection.rollback();
          return StepOutcome.of(null, "moved", 0);
        }
        try (PreparedStatement statement = connection.prepareStatement(
            "UPDATE scouter.archive_state SET snapshot_id = ?, updated_at = now() "
                + "WHERE table_name = ? AND snapshot_id = ?")) {
          statement.setLong(1, target);
          statement.setString(2, context.type().tableName());
          statement.setLong(3, state);
          statement.executeUpdate();
        }
        connection.commit();
        return StepOutcome.of(target, "moved", 1);
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  private static Long lockedState(Connection connection, MaintenanceContext context) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(
        "SELECT snapshot_id FROM scouter.archive_state WHERE table_name = ? FOR UPDATE")) {
      statement.setString(1, context.type().tableName());
      try (ResultSet row = statement.executeQuery()) {
        return row.next() ? row.getLong(1) : null;
      }
    }
  }

  /** The newest descendant of {@code from} reached over content-preserving snapshots only; null if {@code from} is not in the current history. */
  static Long sameContentDescendant(Table table, long from) {
    table.refresh();
    Snapshot current = table.currentSnapshot();
    if (current == null) {
      return null;
    }
    List<Snapshot> newerFirst = new ArrayList<>();
    boolean found = false;
    for (Snapshot snapshot : SnapshotUtil.ancestorsOf(current.snapshotId(), table::snapshot)) {
      if (snapshot.snapshotId() == from) {
        found = true;
        break;
      }
      newerFirst.add(snapshot);
    }
    if (!found) {
      return null;
    }
    Collections.reverse(newerFirst);
    long target = from;
    for (Snapshot snapshot : newerFirst) {
      if (!preservesContent(snapshot)) {
        break;
      }
      target = snapshot.snapshotId();
    }
    return target;
  }

  static boolean preservesContent(Snapshot snapshot) {
    if (!DataOperations.REPLACE.equals(snapshot.operation())) {
      return false;
    }
    Map<String, String> summary = snapshot.summary();
    return Objects.equals(summary.getOrDefault(SnapshotSummary.ADDED_RECORDS_PROP, "0"),
        summary.getOrDefault(SnapshotSummary.DELETED_RECORDS_PROP, "0"))
        && "0".equals(summary.getOrDefault(SnapshotSummary.ADDED_DELETE_FILES_PROP, "0"));
  }
}
