package io.scouter.archive.archiver.maintenance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** Reads the record of recent maintenance passes, newest first, for operators. */
public final class MaintenanceHistory {
  private final DataSource dataSource;

  public MaintenanceHistory(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** One table's part of one pass; {@code stepsJson} is the JSON array of step reports as stored. */
  public record Entry(long id, UUID passId, String table, String status, Instant startedAt, Instant finishedAt,
      TableShape before, TableShape after, String stepsJson, String error) {}

  public List<Entry> recent(int limit) throws SQLException {
    List<Entry> entries = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(
            "SELECT id, pass_id, table_name, status, started_at, finished_at, data_files_before, bytes_before, "
                + "snapshots_before, manifests_before, metadata_files_before, data_files_after, bytes_after, "
                + "snapshots_after, manifests_after, metadata_files_after, steps::text, error "
                + "FROM scouter.maintenance_run ORDER BY id DESC LIMIT ?")) {
      statement.setInt(1, limit);
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          entries.add(new Entry(row.getLong(1), row.getObject(2, UUID.class), row.getString(3), row.getString(4),
              instant(row, 5), instant(row, 6), shape(row, 7), shape(row, 12), row.getString(17), row.getString(18)));
        }
      }
    }
    return entries;
  }

  /** The five counts from {@code first} on; null when not recorded (a pass that never finished has no "after"). */
  private static TableShape shape(ResultSet row, int first) throws SQLException {
    Long files = row.getObject(first, Long.class);
    if (files == null) {
      return null;
    }
    return new TableShape(files, row.getLong(first + 1), row.getLong(first + 2), row.getLong(first + 3),
        row.getLong(first + 4));
  }

  private static Instant instant(ResultSet row, int column) throws SQLException {
    Timestamp value = row.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }
}
