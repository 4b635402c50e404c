package io.scouter.archive.archiver;

import io.scouter.archive.catalog.drift.DriftRecord;
import io.scouter.archive.catalog.drift.DriftType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.apache.iceberg.data.Record;

/** One text key per row with every column, so that three sources compare as multisets. */
final class RowKeys {
  private RowKeys() {}

  static String of(DriftRecord record) {
    String payload;
    if (record instanceof DriftRecord.Psi psi) {
      payload = psi.binId() + "/" + psi.binCount();
    } else if (record instanceof DriftRecord.Spc spc) {
      payload = Double.toString(spc.value());
    } else {
      payload = Double.toString(((DriftRecord.Custom) record).value());
    }
    return key(record.type(), record.createdAt().toString(), record.space(), record.name(), record.version(),
        record.series(), payload);
  }

  static String of(DriftType type, Record record) {
    String payload = type == DriftType.PSI
        ? record.getField("bin_id") + "/" + record.getField("bin_count")
        : record.getField("value").toString();
    return key(type, ((OffsetDateTime) record.getField("created_at")).toInstant().toString(),
        (String) record.getField("space"), (String) record.getField("name"), (String) record.getField("version"),
        (String) record.getField(type.seriesColumn()), payload);
  }

  static List<String> hot(DataSource dataSource, DriftType type, String condition) throws SQLException {
    String payload = type == DriftType.PSI ? "bin_id || '/' || bin_count" : "value";
    List<String> keys = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(
            "SELECT created_at, space, name, version, " + type.seriesColumn() + ", " + payload
                + " FROM " + type.qualifiedTableName() + " WHERE " + condition);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        String value = type == DriftType.PSI ? rows.getString(6) : Double.toString(rows.getDouble(6));
        keys.add(key(type, rows.getObject(1, OffsetDateTime.class).toInstant().toString(), rows.getString(2),
            rows.getString(3), rows.getString(4), rows.getString(5), value));
      }
    }
    return keys;
  }

  private static String key(DriftType type, String createdAt, String space, String name, String version,
      String series, String payload) {
    return String.join("\u0001", type.name(), createdAt, space, name, version, series, payload);
  }
}
