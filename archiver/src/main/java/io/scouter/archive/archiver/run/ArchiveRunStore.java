package io.scouter.archive.archiver.run;

import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.archiver.watermark.ArchiveState;
import io.scouter.archive.archiver.watermark.ArchiveWatermark;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The archive protocol's PostgreSQL side: recording a run before it writes anything, finishing it
 * (the readers' cut moved to its snapshot and watermark, compare-and-set against the run it
 * follows) and closing a run that never committed. Each is one short transaction on a few rows of
 * bookkeeping; no hot row is ever written.
 */
final class ArchiveRunStore {
  private final DataSource dataSource;
  private final ArchiveFaults faults;

  ArchiveRunStore(DataSource dataSource, ArchiveFaults faults) {
    this.dataSource = dataSource;
    this.faults = faults;
  }

  Optional<ArchiveState> state(DriftType type) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return ArchiveState.read(connection, type);
    }
  }

  /** Runs of the table that were recorded and neither finished nor closed, oldest first. */
  List<ArchiveRun> pendingRuns(DriftType type) throws SQLException {
    return runs(type, "status = 'pending'", -1);
  }

  /** The recorded run, whatever its status, if it is a run of this table with a watermark. */
  Optional<ArchiveRun> run(DriftType type, long id) throws SQLException {
    return runs(type, "id = ? AND pg_snapshot IS NOT NULL", id).stream().findFirst();
  }

  private List<ArchiveRun> runs(DriftType type, String condition, long id) throws SQLException {
    List<ArchiveRun> runs = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(
            "SELECT id, pass_id, base_run_id, cutoff, pg_snapshot::text FROM scouter.archive_run "
                + "WHERE table_name = ? AND " + condition + " ORDER BY id")) {
      statement.setString(1, type.tableName());
      if (id >= 0) {
        statement.setLong(2, id);
      }
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          long base = row.getLong(3);
          OptionalLong baseRunId = row.wasNull() ? OptionalLong.empty() : OptionalLong.of(base);
          ArchiveWatermark target = ArchiveWatermark.of(
              row.getObject(4, OffsetDateTime.class).toInstant(), row.getString(5));
          runs.add(new ArchiveRun(row.getLong(1), row.getObject(2, UUID.class), type, baseRunId, target));
        }
      }
    }
    return runs;
  }

  /** Records the run, durably, before any file is written. */
  ArchiveRun start(DriftType type, UUID passId, Optional<ArchiveState> base, RunPlan plan) throws SQLException {
    OptionalLong baseRunId = base.map(ArchiveState::runId).orElse(OptionalLong.empty());
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(
            "INSERT INTO scouter.archive_run (pass_id, table_name, status, cutoff, pg_snapshot, base_run_id, rows, "
                + "duplicates_dropped) VALUES (?, ?, 'pending', ?, ?::pg_snapshot, ?, ?, ?) RETURNING id")) {
      statement.setObject(1, passId);
      statement.setString(2, type.tableName());
      statement.setObject(3, timestamp(plan.target().cutoff()));
      statement.setString(4, plan.target().snapshot());
      statement.setObject(5, baseRunId.isPresent() ? baseRunId.getAsLong() : null, java.sql.Types.BIGINT);
      statement.setLong(6, plan.rows());
      statement.setLong(7, plan.duplicatesDropped());
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        return new ArchiveRun(row.getLong(1), passId, type, baseRunId, plan.target());
      }
    }
  }

  /**
   * Moves the readers' cut to the run's snapshot and watermark and closes the run as done, in one
   * transaction: at every instant a row is either hot and above the watermark, or in that
   * snapshot. The move is a compare-and-set on the run the state must still be at.
   */
  void finish(ArchiveRun run, long snapshotId, RunSummary summary) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        if (!moveState(connection, run, snapshotId, summary) && !alreadyAt(connection, run)) {
          throw new IllegalStateException("Cannot finish archive run " + run.id() + " of " + run.type()
              + ": the archive state no longer follows run " + run.baseRunId());
        }
        faults.reached(ArchiveStep.DURING_FINISH, run.type(), run.id());
        try (PreparedStatement statement = connection.prepareStatement(
            "UPDATE scouter.archive_run SET status = 'done', snapshot_id = ?, rows = ?, files = ?, bytes = ?, "
                + "min_created_at = ?, max_created_at = ?, finished_at = now(), error = NULL WHERE id = ?")) {
          statement.setLong(1, snapshotId);
          statement.setLong(2, summary.rows());
          statement.setInt(3, summary.files());
          statement.setLong(4, summary.bytes());
          statement.setObject(5, timestamp(summary.minCreatedAt().orElse(null)));
          statement.setObject(6, timestamp(summary.maxCreatedAt().orElse(null)));
          statement.setLong(7, run.id());
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
   * The compare-and-set; it also widens the table's archived span (min and max created_at, which
   * readers use to skip windows the archive cannot hold) by the run's rows, so that the span is
   * one row per table whatever the number of runs.
   */
  private static boolean moveState(Connection connection, ArchiveRun run, long snapshotId, RunSummary summary)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(
        "INSERT INTO scouter.archive_state AS s (table_name, snapshot_id, run_id, cutoff, pg_snapshot, "
            + "min_created_at, max_created_at) VALUES (?, ?, ?, ?, ?::pg_snapshot, ?, ?) "
            + "ON CONFLICT (table_name) DO UPDATE SET "
            + "snapshot_id = EXCLUDED.snapshot_id, run_id = EXCLUDED.run_id, cutoff = EXCLUDED.cutoff, "
            + "pg_snapshot = EXCLUDED.pg_snapshot, updated_at = now(), "
            // least and greatest skip NULLs: a run without rows leaves the span as it was.
            + "min_created_at = least(s.min_created_at, EXCLUDED.min_created_at), "
            + "max_created_at = greatest(s.max_created_at, EXCLUDED.max_created_at) "
            + "WHERE s.run_id IS NOT DISTINCT FROM ?")) {
      statement.setString(1, run.type().tableName());
      statement.setLong(2, snapshotId);
      statement.setLong(3, run.id());
      statement.setObject(4, timestamp(run.target().cutoff()));
      statement.setString(5, run.target().snapshot());
      statement.setObject(6, timestamp(summary.minCreatedAt().orElse(null)));
      statement.setObject(7, timestamp(summary.maxCreatedAt().orElse(null)));
      statement.setObject(8, run.baseRunId().isPresent() ? run.baseRunId().getAsLong() : null,
          java.sql.Types.BIGINT);
      return statement.executeUpdate() == 1;
    }
  }

  /** Another process finished this very run (both reconciled it): nothing left to move. */
  private static boolean alreadyAt(Connection connection, ArchiveRun run) throws SQLException {
    return ArchiveState.read(connection, run.type())
        .map(state -> state.runId().isPresent() && state.runId().getAsLong() == run.id())
        .orElse(false);
  }

  /** Closes a run whose snapshot never committed: released (found so by reconciliation) or failed. */
  void close(ArchiveRun run, String status, String error) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(
            "UPDATE scouter.archive_run SET status = ?, finished_at = now(), error = ? WHERE id = ?")) {
      statement.setString(1, status);
      statement.setString(2, error);
      statement.setLong(3, run.id());
      statement.executeUpdate();
    }
  }

  /** Notes why a run is still pending (a commit whose outcome is unknown), without changing its state. */
  void noteError(ArchiveRun run, String error) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(
            "UPDATE scouter.archive_run SET error = ? WHERE id = ?")) {
      statement.setString(1, error);
      statement.setLong(2, run.id());
      statement.executeUpdate();
    }
  }

  private static OffsetDateTime timestamp(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
