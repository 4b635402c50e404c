package io.scouter.archive.archiver.watermark;

import io.scouter.archive.catalog.drift.DriftType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One drift table's row of {@code scouter.archive_state}, the consistent cut between the two
 * stores: the Iceberg snapshot readers use, the watermark of the hot rows it holds, and the last
 * archive run in it. Absent until the first run of the table finishes.
 */
public record ArchiveState(OptionalLong runId, long snapshotId, ArchiveWatermark watermark) {
  /**
   * Snapshots only move forward in one cluster: a watermark whose snapshot is ahead of the
   * cluster's own was taken in another one, whose transaction ids mean nothing here.
   */
  private static final String FROM_OTHER_CLUSTER =
      "pg_snapshot_xmax(pg_current_snapshot()) < pg_snapshot_xmax(pg_snapshot)";
  private static final String SELECT = "SELECT run_id, snapshot_id, cutoff, pg_snapshot::text, " + FROM_OTHER_CLUSTER
      + " FROM scouter.archive_state WHERE table_name = ?";

  /** The watermark as the connection's transaction sees it; {@link ArchiveWatermark#NONE} before the first run. */
  public static ArchiveWatermark watermark(Connection connection, DriftType type) throws SQLException {
    return read(connection, type).map(ArchiveState::watermark).orElse(ArchiveWatermark.NONE);
  }

  /** The state as the connection's transaction sees it. */
  public static Optional<ArchiveState> read(Connection connection, DriftType type) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(SELECT)) {
      statement.setString(1, type.tableName());
      try (ResultSet row = statement.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        if (row.getBoolean(5)) {
          throw fromOtherCluster(type.tableName());
        }
        long runId = row.getLong(1);
        OptionalLong run = row.wasNull() ? OptionalLong.empty() : OptionalLong.of(runId);
        OffsetDateTime cutoff = row.getObject(3, OffsetDateTime.class);
        // -infinity (PgJDBC's OffsetDateTime.MIN) is what an upgrade leaves when nothing was archived.
        ArchiveWatermark watermark = cutoff == null || cutoff.equals(OffsetDateTime.MIN)
            ? ArchiveWatermark.NONE
            : ArchiveWatermark.of(cutoff.toInstant(), row.getString(4));
        return Optional.of(new ArchiveState(run, row.getLong(2), watermark));
      }
    }
  }

  /**
   * Fails, naming the cure, when any table's watermark was taken in another cluster: after a
   * logical restore (pg_dump into a new cluster) it would tell restored rows and new rows apart
   * by the wrong transaction ids.
   */
  public static void requireTakenInThisCluster(Connection connection) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(
        "SELECT string_agg(table_name, ', ' ORDER BY table_name) FROM scouter.archive_state WHERE "
            + FROM_OTHER_CLUSTER);
        ResultSet row = statement.executeQuery()) {
      row.next();
      String tables = row.getString(1);
      if (tables != null) {
        throw fromOtherCluster(tables);
      }
    }
  }

  private static IllegalStateException fromOtherCluster(String tables) {
    return new IllegalStateException("The archive watermark of " + tables + " was taken in another PostgreSQL "
        + "cluster (this one's transaction ids are behind it: restored from a logical dump?). Before anything "
        + "writes to the hot tables, run SELECT scouter.rebase_archive_watermark(); (README, \"Restoring the hot "
        + "store\")");
  }
}
