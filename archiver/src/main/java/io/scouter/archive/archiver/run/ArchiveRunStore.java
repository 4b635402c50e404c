package io.scouter.archive.archiver.run;

import io.scouter.archive.catalog.drift.DriftType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The archive protocol's PostgreSQL side: claiming rows for a run, finishing a run (rows marked
 * archived and the readers' snapshot moved in one transaction), and releasing a run's rows. Every
 * method is one short transaction, so a crash between two of them leaves a state the next run
 * reconciles.
 */
final class ArchiveRunStore {
  private final DataSource dataSource;
  private final ArchiveFaults faults;

  ArchiveRunStore(DataSource dataSource, ArchiveFaults faults) {
    this.dataSource = dataSource;
    this.faults = faults;
  }

  /** Runs of the table that claimed rows and were neither finished nor released. */
  List<ClaimedRun> pendingRuns(DriftType type) throws SQLException {
    List<ClaimedRun> runs = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(
            "SELECT id, pass_id, rows, min_created_at, max_created_at FROM scouter.archive_run "
                + "WHERE table_name = ? AND status = 'claimed' ORDER BY id")) {
      statement.setString(1, type.tableName());
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          runs.add(new ClaimedRun(result.getLong(1), result.getObject(2, UUID.class), type, result.getLong(3),
              instant(result, 4), instant(result, 5)));
        }
      }
    }
    return runs;
  }

  /**
   * Claims up to {@code maxRows} unarchived, unclaimed rows older than the cutoff, oldest first.
   * Rows inserted after this transaction (late arrivals with old timestamps) are not claimed: the
   * next run takes them. Returns empty, leaving no trace, when there is nothing to claim.
   */
  Optional<ClaimedRun> claim(DriftType type, UUID passId, Instant cutoff, long maxRows) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        long id = insertRun(connection, type, passId, cutoff);
        Optional<ClaimedRun> run = markClaimed(connection, type, passId, id, cutoff, maxRows);
        if (run.isEmpty()) {
          connection.rollback();
          return run;
        }
        try (PreparedStatement statement = connection.prepareStatement(
            "UPDATE scouter.archive_run SET rows = ?, min_created_at = ?, max_created_at = ? WHERE id = ?")) {
          statement.setLong(1, run.get().rows());
          statement.setObject(2, timestamp(run.get().minCreatedAt()));
          statement.setObject(3, timestamp(run.get().maxCreatedAt()));
          statement.setLong(4, id);
          statement.executeUpdate();
        }
        connection.commit();
        return run;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  private static long insertRun(Connection connection, DriftType type, UUID passId, Instant cutoff)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(
        "INSERT INTO scouter.archive_run (pass_id, table_name, status, cutoff) VALUES (?, ?, 'claimed', ?) "
            + "RETURNING id")) {
      statement.setObject(1, passId);
      statement.setString(2, type.tableName());
      statement.setObject(3, timestamp(cutoff));
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        return result.getLong(1);
      }
    }
  }

  /**
   * Claims with one plain UPDATE over a created_at range: the range ends at the cutoff or, when more
   * than {@code maxRows} rows are claimable, at the created_at of the first row past the limit
   * (found by an index scan). This avoids locking rows one by one through a ctid list, which
   * measured 2.4x slower than the UPDATE itself. The caller holds the table's advisory lock, so no
   * other archiver claims concurrently; rows inserted meanwhile are either claimed now or next run.
   */
  private static Optional<ClaimedRun> markClaimed(Connection connection, DriftType type, UUID passId, long id,
      Instant cutoff, long maxRows) throws SQLException {
    String table = type.qualifiedTableName();
    Optional<Instant> limit = firstBeyondLimit(connection, table, cutoff, maxRows);
    Optional<ClaimedRun> run = claimRange(connection, type, passId, id, limit.orElse(cutoff), "<");
    if (run.isEmpty() && limit.isPresent()) {
      // More than maxRows rows share the oldest timestamp: take them all rather than none.
      run = claimRange(connection, type, passId, id, limit.get(), "<=");
    }
    return run;
  }

  private static Optional<Instant> firstBeyondLimit(Connection connection, String table, Instant cutoff, long maxRows)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(
        "SELECT created_at FROM " + table + " WHERE NOT archived AND archive_run IS NULL AND created_at < ? "
            + "ORDER BY created_at OFFSET ? LIMIT 1")) {
      statement.setObject(1, timestamp(cutoff));
      statement.setLong(2, maxRows);
      try (ResultSet result = statement.executeQuery()) {
        return result.next() ? Optional.of(instant(result, 1)) : Optional.empty();
      }
    }
  }

  private static Optional<ClaimedRun> claimRange(Connection connection, DriftType type, UUID passId, long id,
      Instant bound, String comparison) throws SQLException {
    String table = type.qualifiedTableName();
    try (PreparedStatement statement = connection.prepareStatement(
        "WITH claimed AS (UPDATE " + table + " SET archive_run = ? WHERE NOT archived AND archive_run IS NULL "
            + "AND created_at " + comparison + " ? RETURNING created_at) "
            + "SELECT count(*), min(created_at), max(created_at) FROM claimed")) {
      statement.setLong(1, id);
      statement.setObject(2, timestamp(bound));
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        long rows = result.getLong(1);
        return rows == 0 ? Optional.empty()
            : Optional.of(new ClaimedRun(id, passId, type, rows, instant(result, 2), instant(result, 3)));
      }
    }
  }

  /**
   * Marks the run's rows archived, the run done, and moves the readers' snapshot to the run's, in
   * one transaction: at every instant a row is either hot-and-unarchived or in that snapshot.
   */
  void finish(ClaimedRun run, long snapshotId, int files, long bytes) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        try (PreparedStatement statement = connection.prepareStatement(
            "UPDATE " + run.type().qualifiedTableName() + " SET archived = true, updated_at = now() "
                + "WHERE archive_run = ? AND NOT archived")) {
          statement.setLong(1, run.id());
          statement.executeUpdate();
        }
        faults.reached(ArchiveStep.DURING_FINISH, run.type(), run.id());
        try (PreparedStatement statement = connection.prepareStatement(
            "UPDATE scouter.archive_run SET status = 'done', snapshot_id = ?, files = ?, bytes = ?, "
                + "finished_at = now(), error = NULL WHERE id = ?")) {
          statement.setLong(1, snapshotId);
          statement.setInt(2, files);
          statement.setLong(3, bytes);
          statement.setLong(4, run.id());
          statement.executeUpdate();
        }
        try (PreparedStatement statement = connection.prepareStatement(
            "INSERT INTO scouter.archive_state (table_name, snapshot_id) VALUES (?, ?) "
                + "ON CONFLICT (table_name) DO UPDATE SET snapshot_id = EXCLUDED.snapshot_id, updated_at = now()")) {
          statement.setString(1, run.type().tableName());
          statement.setLong(2, snapshotId);
          statement.executeUpdate();
        }
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  /**
   * Gives the run's rows back (unclaimed, so a later run takes them) and closes the run as
   * released (its snapshot never committed) or failed (with the error).
   */
  void release(ClaimedRun run, String status, String error) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        try (PreparedStatement statement = connection.prepareStatement(
            "UPDATE " + run.type().qualifiedTableName() + " SET archive_run = NULL "
                + "WHERE archive_run = ? AND NOT archived")) {
          statement.setLong(1, run.id());
          statement.executeUpdate();
        }
        try (PreparedStatement statement = connection.prepareStatement(
            "UPDATE scouter.archive_run SET status = ?, finished_at = now(), error = ? WHERE id = ?")) {
          statement.setString(1, status);
          statement.setString(2, error);
          statement.setLong(3, run.id());
          statement.executeUpdate();
        }
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  /** Notes why a run is still pending (a commit whose outcome is unknown), without changing its state. */
  void noteError(ClaimedRun run, String error) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(
            "UPDATE scouter.archive_run SET error = ? WHERE id = ?")) {
      statement.setString(1, error);
      statement.setLong(2, run.id());
      statement.executeUpdate();
    }
  }

  private static OffsetDateTime timestamp(Instant instant) {
    return instant == null ? null : instant.atOffset(java.time.ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet result, int column) throws SQLException {
    Timestamp value = result.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }
}
