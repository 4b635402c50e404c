package io.scouter.archive.catalog.hotstore;

import io.scouter.archive.catalog.drift.DriftRecord;
import io.scouter.archive.catalog.drift.DriftType;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Inserts drift records into the hot tables in bulk, idempotently: one statement per table that
 * unnests parameter arrays, so a request of any size costs one round trip per record type, and
 * "on conflict do nothing" turns a re-sent record into a no-op while its row is hot; an
 * {@link ArchivedKeyFilter} first drops records whose key the archive holds, for those whose row may
 * have left PostgreSQL. All types commit in one transaction.
 */
public final class DriftRecordInserter {
  private static final Map<DriftType, String> STATEMENTS = new EnumMap<>(Map.of(
      DriftType.SPC,
      "INSERT INTO scouter.spc_drift (created_at, space, name, version, feature, value) "
          + "SELECT * FROM unnest(?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::text[], ?::float8[]) "
          + "ON CONFLICT DO NOTHING",
      DriftType.PSI,
      "INSERT INTO scouter.observed_bin_count (created_at, space, name, version, feature, bin_id, bin_count) "
          + "SELECT * FROM unnest(?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int4[], ?::int4[]) "
          + "ON CONFLICT DO NOTHING",
      DriftType.CUSTOM,
      "INSERT INTO scouter.custom_metric (created_at, space, name, version, metric, value) "
          + "SELECT * FROM unnest(?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::text[], ?::float8[]) "
          + "ON CONFLICT DO NOTHING"));

  private final DataSource dataSource;
  private final ArchivedKeyFilter archivedKeys;

  /**
   * An inserter that relies on the hot tables' uniqueness key alone: a record re-sent after its row
   * was deleted from PostgreSQL is stored again. For loading fresh data (tests, the benchmark), and
   * the old behaviour that the duplicate-removal step cleans up after.
   */
  public DriftRecordInserter(DataSource dataSource) {
    this(dataSource, ArchivedKeyFilter.HOT_KEYS_ONLY);
  }

  /** An inserter that also skips records whose key the archive holds (the service's). */
  public DriftRecordInserter(DataSource dataSource, ArchivedKeyFilter archivedKeys) {
    this.dataSource = dataSource;
    this.archivedKeys = archivedKeys;
  }

  /** Stores the records and returns how many were new (re-sent records are not counted). */
  public int insert(List<? extends DriftRecord> records) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        // Before any insert: the filter may take a lock that the deletion waits for, never the reverse.
        Map<DriftType, List<DriftRecord>> byType = archivedKeys.withoutArchived(connection, List.copyOf(records))
            .stream()
            .collect(Collectors.groupingBy(DriftRecord::type, () -> new EnumMap<>(DriftType.class),
                Collectors.toList()));
        int inserted = 0;
        for (Map.Entry<DriftType, List<DriftRecord>> entry : byType.entrySet()) {
          inserted += insert(connection, entry.getKey(), entry.getValue());
        }
        connection.commit();
        return inserted;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    }
  }

  private static int insert(Connection connection, DriftType type, List<DriftRecord> records) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(STATEMENTS.get(type))) {
      int size = records.size();
      String[] createdAt = new String[size];
      String[] space = new String[size];
      String[] name = new String[size];
      String[] version = new String[size];
      String[] series = new String[size];
      for (int i = 0; i < size; i++) {
        DriftRecord record = records.get(i);
        createdAt[i] = record.createdAt().toString();
        space[i] = record.space();
        name[i] = record.name();
        version[i] = record.version();
        series[i] = record.series();
      }
      statement.setArray(1, connection.createArrayOf("text", createdAt));
      statement.setArray(2, connection.createArrayOf("text", space));
      statement.setArray(3, connection.createArrayOf("text", name));
      statement.setArray(4, connection.createArrayOf("text", version));
      statement.setArray(5, connection.createArrayOf("text", series));
      int parameter = 6;
      for (Array payload : payloadArrays(connection, type, records)) {
        statement.setArray(parameter++, payload);
      }
      return statement.executeUpdate();
    }
  }

  private static List<Array> payloadArrays(Connection connection, DriftType type, List<DriftRecord> records)
      throws SQLException {
    int size = records.size();
    if (type == DriftType.PSI) {
      Integer[] binId = new Integer[size];
      Integer[] binCount = new Integer[size];
      for (int i = 0; i < size; i++) {
        DriftRecord.Psi record = (DriftRecord.Psi) records.get(i);
        binId[i] = record.binId();
        binCount[i] = record.binCount();
      }
      return List.of(connection.createArrayOf("int4", binId), connection.createArrayOf("int4", binCount));
    }
    Double[] value = new Double[size];
    for (int i = 0; i < size; i++) {
      DriftRecord record = records.get(i);
      value[i] = record instanceof DriftRecord.Spc spc ? spc.value() : ((DriftRecord.Custom) record).value();
    }
    return List.of(connection.createArrayOf("float8", value));
  }
}
