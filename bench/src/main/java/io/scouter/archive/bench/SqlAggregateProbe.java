package io.scouter.archive.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scouter.archive.catalog.drift.DriftType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * The same binned question answered the way the original server answers it: PostgreSQL's own
 * {@code GROUP BY} over the hot rows, {@code date_bin} bins of the route's width aligned on the
 * epoch as the route's are, {@code avg} (and {@code stddev_samp} for custom metrics) in double
 * precision. Timed from the statement's execution until the last row is read, over the service's
 * own pool; the answer is shaped like the route's so that its bins can be counted and compared.
 */
final class SqlAggregateProbe implements QueryProbe {
  private final DataSource dataSource;
  private final ObjectMapper mapper;

  SqlAggregateProbe(DataSource dataSource, ObjectMapper mapper) {
    this.dataSource = dataSource;
    this.mapper = mapper;
  }

  /** The route's bin width for a window: whole seconds, {@code floor(window / max_data_points)}, at least 1. */
  static long binSeconds(QueryWindow window) {
    return Math.max(1, Duration.between(window.begin(), window.end()).toSeconds() / HttpQueryProbe.MAX_DATA_POINTS);
  }

  static String statement(DriftType type) {
    String series = type.seriesColumn();
    String deviation = type == DriftType.CUSTOM ? ", coalesce(stddev_samp(value), 0)" : "";
    return "SELECT " + series + ", date_bin(make_interval(secs => ?), created_at, TIMESTAMPTZ '1970-01-01 00:00:00+00')"
        + " AS bin, avg(value)" + deviation + " FROM " + type.qualifiedTableName()
        + " WHERE space = ? AND name = ? AND version = ? AND created_at >= ? AND created_at < ?"
        + " GROUP BY " + series + ", bin ORDER BY " + series + ", bin";
  }

  @Override
  public QueryAnswer query(DriftType type, BenchEntity entity, QueryWindow window) {
    if (type == DriftType.PSI) {
      return QueryAnswer.failed("no SQL aggregate for PSI here");
    }
    ObjectNode body = mapper.createObjectNode();
    ObjectNode series = body.putObject(type == DriftType.SPC ? "features" : "metrics");
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(statement(type))) {
      statement.setLong(1, binSeconds(window));
      statement.setString(2, entity.space());
      statement.setString(3, entity.name());
      statement.setString(4, entity.version());
      statement.setTimestamp(5, Timestamp.from(window.begin()));
      statement.setTimestamp(6, Timestamp.from(window.end()));
      long started = System.nanoTime();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          add(type, series, rows);
        }
      }
      return QueryAnswer.ok(Duration.ofNanos(System.nanoTime() - started), body);
    } catch (SQLException e) {
      return QueryAnswer.failed("SQL " + e.getSQLState() + " " + e.getMessage());
    }
  }

  private static void add(DriftType type, ObjectNode series, ResultSet rows) throws SQLException {
    String name = rows.getString(1);
    ObjectNode one = series.has(name) ? (ObjectNode) series.get(name) : newSeries(type, series, name);
    ((ArrayNode) one.get("created_at")).add(rows.getTimestamp(2).toInstant().toString());
    double mean = rows.getDouble(3);
    if (type == DriftType.SPC) {
      ((ArrayNode) one.get("values")).add(mean);
    } else {
      double deviation = rows.getDouble(4);
      ((ArrayNode) one.get("stats")).addObject().put("avg", mean).put("lower_bound", mean - deviation)
          .put("upper_bound", mean + deviation);
    }
  }

  private static ObjectNode newSeries(DriftType type, ObjectNode series, String name) {
    ObjectNode one = series.putObject(name);
    if (type == DriftType.CUSTOM) {
      one.put("metric", name);
    }
    one.putArray("created_at");
    one.putArray(type == DriftType.SPC ? "values" : "stats");
    return one;
  }
}
