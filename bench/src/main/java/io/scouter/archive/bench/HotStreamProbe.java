package io.scouter.archive.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.scouter.archive.catalog.drift.DriftType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * "Where the time goes", the hot side without the arithmetic: the window's rows of the entity
 * streamed out of PostgreSQL over JDBC (cursor, 10,000 rows per fetch), reading each row's time,
 * series and value, adding nothing into bins. The gap to the hot route is binning, exact sums and JSON.
 */
final class HotStreamProbe implements QueryProbe {
  private final DataSource dataSource;
  private final ObjectMapper mapper;

  HotStreamProbe(DataSource dataSource, ObjectMapper mapper) {
    this.dataSource = dataSource;
    this.mapper = mapper;
  }

  @Override
  public QueryAnswer query(DriftType type, BenchEntity entity, QueryWindow window) {
    String sql = "SELECT created_at, " + type.seriesColumn() + ", value FROM " + type.qualifiedTableName()
        + " WHERE space = ? AND name = ? AND version = ? AND created_at >= ? AND created_at < ?";
    long rows = 0;
    double checksum = 0;
    long started = System.nanoTime();
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false); // a cursor: rows arrive in fetches, never all at once
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        statement.setFetchSize(10_000);
        statement.setString(1, entity.space());
        statement.setString(2, entity.name());
        statement.setString(3, entity.version());
        statement.setTimestamp(4, Timestamp.from(window.begin()));
        statement.setTimestamp(5, Timestamp.from(window.end()));
        try (ResultSet result = statement.executeQuery()) {
          while (result.next()) {
            checksum += result.getTimestamp(1).getTime() + result.getString(2).length() + result.getDouble(3);
            rows++;
          }
        }
      } finally {
        connection.rollback();
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      return QueryAnswer.failed("SQL " + e.getSQLState() + " " + e.getMessage());
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    return QueryAnswer.ok(elapsed, mapper.createObjectNode().put("rows", rows).put("checksum", checksum));
  }
}
