package io.scouter.archive.archiver.duplicates;

import io.scouter.archive.catalog.drift.DriftType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The duplicate removal's PostgreSQL side: its record in {@code scouter.duplicate_removal_run}, and
 * the move of the readers' cut ({@code archive_state.snapshot_id}) to the rewritten snapshot.
 */
final class DuplicateRemovalStore {
  private final DataSource dataSource;

  DuplicateRemovalStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  long start(DriftType type, long baseSnapshotId) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement("INSERT INTO scouter.duplicate_removal_run "
            + "(table_name, status, base_snapshot_id) VALUES (?, 'running', ?) RETURNING id")) {
      statement.setString(1, type.tableName());
      statement.setLong(2, baseSnapshotId);
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  /** Ids of the table's runs that a crash left running, oldest first. */
  List<Long> running(DriftType type) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement("SELECT id FROM scouter.duplicate_removal_run "
            + "WHERE table_name = ? AND status = 'running' ORDER BY id")) {
      statement.setString(1, type.tableName());
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getLong(1));
        }
      }
    }
    return ids;
  }

  /**
   * Moves the readers' cut from {@code from} to the rewritten snapshot and closes the run, in one
   * transaction. The rewritten snapshot holds the rows of {@code from} minus the extra copies, so a
   * reader sees either every copy or one, never a partial rewrite. Returns false, moving nothing,
   * if the cut is no longer at {@code from} (then the next archive run moves it past the rewrite).
   */
  boolean finish(long runId, DriftType type, long from, Long snapshotId, DuplicateRemovalResult.TableResult result)
      throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        int moved = 0;
        if (snapshotId != null) {
          try (PreparedStatement statement = connection.prepareStatement("UPDATE scouter.archive_state "
              + "SET snapshot_id = ?, updated_at = now() WHERE table_name = ? AND snapshot_id = ?")) {
            statement.setLong(1, snapshotId);
            statement.setString(2, type.tableName());
            statement.setLong(3, from);
            moved = statement.executeUpdate();
          }
        }
        close(connection, runId, "done", snapshotId, result, null);
        connection.commit();
        return moved == 1;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  void fail(long runId, Long snapshotId, String error) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      close(connection, runId, "failed", snapshotId, null, error);
    }
  }

  private static void close(Connection connection, long runId, String status, Long snapshotId,
      DuplicateRemovalResult.TableResult result, String error) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("UPDATE scouter.duplicate_removal_run SET "
        + "status = ?, snapshot_id = ?, finished_at = now(), error = ?, partitions_read = ?, keys_duplicated = ?, "
        + "rows_removed = ?, files_replaced = ?, files_added = ? WHERE id = ?")) {
      statement.setString(1, status);
      statement.setObject(2, snapshotId, Types.BIGINT);
      statement.setString(3, error);
      statement.setLong(4, result == null ? 0 : result.partitionsRead());
      statement.setLong(5, result == null ? 0 : result.keysDuplicated());
      statement.setLong(6, result == null ? 0 : result.rowsRemoved());
      statement.setInt(7, result == null ? 0 : result.filesReplaced());
      statement.setInt(8, result == null ? 0 : result.filesAdded());
      statement.setLong(9, runId);
      statement.executeUpdate();
    }
  }
}
