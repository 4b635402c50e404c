package io.scouter.archive.archiver.write;

import io.scouter.archive.catalog.drift.DriftType;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Rows as comparable tuples, read from both sides without trusting any conversion on the way:
 * PostgreSQL computes epoch microseconds and the doubles' bits itself; Iceberg's are read back with
 * {@link IcebergGenerics}. A multiset is a map from tuple to count.
 */
final class HotRows {
  private HotRows() {}

  static Map<List<Object>, Long> postgres(Connection connection, DriftType type, String predicate)
      throws SQLException {
    String payload = type == DriftType.PSI ? "bin_id, bin_count" : "float8send(value)";
    String sql = "SELECT (extract(epoch FROM created_at) * 1000000)::int8, space, name, version, "
        + type.seriesColumn() + ", " + payload + " FROM " + type.qualifiedTableName() + " WHERE " + predicate;
    Map<List<Object>, Long> rows = new HashMap<>();
    try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
      while (result.next()) {
        List<Object> row = new ArrayList<>(List.of(
            result.getLong(1), result.getString(2), result.getString(3), result.getString(4), result.getString(5)));
        if (type == DriftType.PSI) {
          row.add(result.getInt(6));
          row.add((long) result.getInt(7));
        } else {
          row.add(ByteBuffer.wrap(result.getBytes(6)).getDouble());
        }
        rows.merge(row, 1L, Long::sum);
      }
    }
    return rows;
  }

  static Map<List<Object>, Long> iceberg(Table table, DriftType type) {
    Map<List<Object>, Long> rows = new HashMap<>();
    try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
      for (Record record : records) {
        rows.merge(tuple(record, type), 1L, Long::sum);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return rows;
  }

  static List<Object> tuple(Record record, DriftType type) {
    List<Object> row = new ArrayList<>();
    row.add(micros((OffsetDateTime) record.getField("created_at")));
    for (String column : List.of("space", "name", "version", type.seriesColumn())) {
      row.add(record.getField(column).toString());
    }
    if (type == DriftType.PSI) {
      row.add(record.getField("bin_id"));
      row.add(record.getField("bin_count"));
    } else {
      row.add(record.getField("value"));
    }
    return row;
  }

  /** Exact for any year (ChronoUnit.MICROS.between overflows beyond 292 years from 1970). */
  static long micros(OffsetDateTime time) {
    Instant instant = time.toInstant();
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
  }

  static long count(Map<List<Object>, Long> rows) {
    return rows.values().stream().mapToLong(Long::longValue).sum();
  }
}
