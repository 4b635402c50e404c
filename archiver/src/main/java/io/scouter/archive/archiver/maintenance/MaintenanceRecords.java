package io.scouter.archive.archiver.maintenance;

import io.scouter.archive.catalog.drift.DriftType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The record of maintenance passes in {@code scouter.maintenance_run}: a row per table per pass,
 * written when the pass starts on the table, a step appended as each finishes (so a crash leaves
 * what was done), and the shape after when it ends. Each write is one short statement.
 */
final class MaintenanceRecords {
  private final DataSource dataSource;

  MaintenanceRecords(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Records the start; rows of this table still 'running' belong to a pass that died (the caller holds the lock). */
  long start(UUID passId, DriftType type, TableShape before) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      try (PreparedStatement statement = connection.prepareStatement(
          "UPDATE scouter.maintenance_run SET status = 'interrupted', finished_at = now(), "
              + "error = coalesce(error, 'The pass ended without finishing (process stopped or crashed)') "
              + "WHERE table_name = ? AND status = 'running'")) {
        statement.setString(1, type.tableName());
        statement.executeUpdate();
      }
      try (PreparedStatement statement = connection.prepareStatement(
          "INSERT INTO scouter.maintenance_run (pass_id, table_name, status, data_files_before, bytes_before, "
              + "snapshots_before, manifests_before, metadata_files_before) VALUES (?, ?, 'running', ?, ?, ?, ?, ?) "
              + "RETURNING id")) {
        statement.setObject(1, passId);
        statement.setString(2, type.tableName());
        statement.setLong(3, before.dataFiles());
        statement.setLong(4, before.bytes());
        statement.setLong(5, before.snapshots());
        statement.setLong(6, before.manifests());
        statement.setLong(7, before.metadataFiles());
        try (ResultSet row = statement.executeQuery()) {
          row.next();
          return row.getLong(1);
        }
      }
    }
  }

  void step(long id, StepReport report) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(
            "UPDATE scouter.maintenance_run SET steps = steps || jsonb_build_array(jsonb_build_object("
                + "'step', ?::text, 'duration_ms', ?::bigint, 'committed_snapshot_id', ?::bigint, 'error', ?::text, "
                + "'counts', ?::jsonb)) WHERE id = ?")) {
      statement.setString(1, report.step());
      statement.setLong(2, report.duration().toMillis());
      statement.setObject(3, report.committedSnapshotId(), Types.BIGINT);
      statement.setString(4, report.error());
      statement.setString(5, countsJson(report.counts()));
      statement.setLong(6, id);
      statement.executeUpdate();
    }
  }

  void finish(long id, boolean failed, TableShape after, String error) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(
            "UPDATE scouter.maintenance_run SET status = ?, finished_at = now(), data_files_after = ?, "
                + "bytes_after = ?, snapshots_after = ?, manifests_after = ?, metadata_files_after = ?, error = ? "
                + "WHERE id = ?")) {
      statement.setString(1, failed ? "failed" : "done");
      statement.setLong(2, after.dataFiles());
      statement.setLong(3, after.bytes());
      statement.setLong(4, after.snapshots());
      statement.setLong(5, after.manifests());
      statement.setLong(6, after.metadataFiles());
      statement.setString(7, error);
      statement.setLong(8, id);
      statement.executeUpdate();
    }
  }

  /** Count names are constants of the steps' code (lower-case words and underscores), so no escaping is needed. */
  private static String countsJson(Map<String, Long> counts) {
    return counts.entrySet().stream()
        .map(entry -> "\"" + entry.getKey() + "\":" + entry.getValue())
        .collect(Collectors.joining(",", "{", "}"));
  }
}
