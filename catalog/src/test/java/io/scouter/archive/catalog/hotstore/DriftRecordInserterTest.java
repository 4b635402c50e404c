package io.scouter.archive.catalog.hotstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.scouter.archive.catalog.drift.DriftRecord;
import io.scouter.archive.catalog.settings.PoolSize;
import io.scouter.archive.catalog.testing.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DriftRecordInserterTest {
  private static HotStore hotStore;
  private static DriftRecordInserter inserter;

  @BeforeAll
  static void open() {
    hotStore = HotStore.open(TestDatabases.freshDatabase("inserter"), new PoolSize(2));
    inserter = new DriftRecordInserter(hotStore.dataSource());
  }

  @AfterAll
  static void close() {
    hotStore.close();
  }

  @Test
  void storesEachKindWithExactValuesAndMicrosecondTimestamps() throws SQLException {
    Instant at = Instant.parse("2025-04-01T12:00:00.123456Z");
    int inserted = inserter.insert(List.of(
        new DriftRecord.Spc(at, "exact", "n", "1.0.0", "f1", 0.1 + 0.2),
        new DriftRecord.Psi(at, "exact", "n", "1.0.0", "f1", 3, 17),
        new DriftRecord.Custom(at, "exact", "n", "1.0.0", "mae", -1.5e-300)));

    assertThat(inserted).isEqualTo(3);
    assertThat(rows("SELECT created_at, feature, value FROM scouter.spc_drift WHERE space = 'exact'"))
        .containsExactly(at + " f1 " + (0.1 + 0.2));
    assertThat(rows("SELECT created_at, feature, bin_id || ':' || bin_count, archived FROM scouter.observed_bin_count "
        + "WHERE space = 'exact'"))
        .containsExactly(at + " f1 3:17 false");
    assertThat(rows("SELECT created_at, metric, value FROM scouter.custom_metric WHERE space = 'exact'"))
        .containsExactly(at + " mae " + (-1.5e-300));
  }

  @Test
  void reSendingIsANoOp() throws SQLException {
    Instant at = Instant.parse("2025-01-01T00:00:00Z");
    List<DriftRecord> records = List.of(
        new DriftRecord.Custom(at, "resend", "n", "v", "mae", 1.0),
        new DriftRecord.Custom(at, "resend", "n", "v", "mse", 2.0));

    assertThat(inserter.insert(records)).isEqualTo(2);
    assertThat(inserter.insert(records)).isZero();
    assertThat(rows("SELECT metric FROM scouter.custom_metric WHERE space = 'resend' ORDER BY metric"))
        .containsExactly("mae", "mse");
  }

  @Test
  void namesAreStoredVerbatim() throws SQLException {
    String tricky = "it's; DROP TABLE x; -- 100% _ \u00e9\u6f22\ud83d\ude00";
    inserter.insert(List.of(new DriftRecord.Spc(Instant.EPOCH, tricky, tricky, tricky, tricky, 1.0)));
    assertThat(rows("SELECT space || name || version || feature FROM scouter.spc_drift WHERE created_at = 'epoch'"))
        .containsExactly(tricky.repeat(4));
  }

  private static List<String> rows(String sql) throws SQLException {
    List<String> result = new ArrayList<>();
    try (Connection connection = hotStore.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      int columns = rows.getMetaData().getColumnCount();
      while (rows.next()) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          boolean timestamp = "timestamptz".equals(rows.getMetaData().getColumnTypeName(i));
          values.add(timestamp
              ? rows.getObject(i, OffsetDateTime.class).toInstant().toString()
              : String.valueOf(rows.getObject(i)));
        }
        result.add(String.join(" ", values));
      }
    }
    return result;
  }
}
