package io.scouter.archive.archiver.run;

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

/** Reads the record of recent archive runs, newest first, for operators. */
public final class ArchiveRunHistory {
  private final DataSource dataSource;

  public ArchiveRunHistory(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** One run of one table. */
  public record Entry(long id, UUID passId, String table, String status, Instant cutoff, long rows, int files,
      long bytes, Instant minCreatedAt, Instant maxCreatedAt, Long snapshotId, Instant startedAt,
      Instant finishedAt, String error) {}

  public List<Entry> recent(int limit) throws SQLException {
    List<Entry> entries = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(
            "SELECT id, pass_id, table_name, status, cutoff, rows, files, bytes, min_created_at, max_created_at, "
                + "snapshot_id, started_at, finished_at, error FROM scouter.archive_run ORDER BY id DESC LIMIT ?")) {
      statement.setInt(1, limit);
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          Long snapshot = row.getObject(11, Long.class);
          entries.add(new Entry(row.getLong(1), row.getObject(2, UUID.class), row.getString(3), row.getString(4),
              instant(row, 5), row.getLong(6), row.getInt(7), row.getLong(8), instant(row, 9), instant(row, 10),
              snapshot, instant(row, 12), instant(row, 13), row.getString(14)));
        }
      }
    }
    return entries;
  }

  private static Instant instant(ResultSet row, int column) throws SQLException {
    Timestamp value = row.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }
}
