package io.scouter.archive.bench;

import io.scouter.archive.catalog.drift.DriftType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.OptionalLong;
import javax.sql.DataSource;

/** The snapshot the routes read a table at: the one in {@code scouter.archive_state}, if any. */
final class ReadersSnapshot {
  private final DataSource dataSource;

  ReadersSnapshot(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  OptionalLong of(DriftType type) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(
            "SELECT snapshot_id FROM scouter.archive_state WHERE table_name = ?")) {
      statement.setString(1, type.tableName());
      try (ResultSet result = statement.executeQuery()) {
        return result.next() ? OptionalLong.of(result.getLong(1)) : OptionalLong.empty();
      }
    }
  }
}
