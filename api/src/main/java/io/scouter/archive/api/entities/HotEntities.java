package io.scouter.archive.api.entities;

import io.scouter.archive.catalog.drift.DriftType;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The entities of one drift table as PostgreSQL knows them: their series from
 * {@code scouter.drift_series} (kept by a trigger on the hot table), and the span of their rows
 * still in the hot table, two probes of the (space, name, version, created_at) index per entity.
 */
final class HotEntities {
  record Hot(List<String> series, Span span) {}

  private HotEntities() {}

  static Map<EntityKey, Hot> read(Connection connection, DriftType type) throws SQLException {
    String table = type.qualifiedTableName();
    String sameEntity = " t WHERE t.space = e.space AND t.name = e.name AND t.version = e.version)";
    Map<EntityKey, Hot> entities = new TreeMap<>();
    try (PreparedStatement statement = connection.prepareStatement(
        "SELECT e.space, e.name, e.version, e.series, (SELECT min(t.created_at) FROM " + table + sameEntity
            + ", (SELECT max(t.created_at) FROM " + table + sameEntity
            + " FROM (SELECT space, name, version, array_agg(series ORDER BY series) AS series"
            + " FROM scouter.drift_series WHERE table_name = ? GROUP BY space, name, version) e")) {
      statement.setString(1, type.tableName());
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          Array series = row.getArray(4);
          Timestamp begin = row.getTimestamp(5);
          Timestamp end = row.getTimestamp(6);
          entities.put(new EntityKey(row.getString(1), row.getString(2), row.getString(3)),
              new Hot(Arrays.asList((String[]) series.getArray()),
                  begin == null ? null : new Span(begin.toInstant(), end.toInstant())));
        }
      }
    }
    return entities;
  }
}
