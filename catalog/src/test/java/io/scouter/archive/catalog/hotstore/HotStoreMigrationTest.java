package io.scouter.archive.catalog.hotstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.scouter.archive.catalog.drift.DriftColumn;
import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.catalog.settings.DatabaseUri;
import io.scouter.archive.catalog.settings.PoolSize;
import io.scouter.archive.catalog.testing.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HotStoreMigrationTest {
  private static DatabaseUri database;
  private static HotStore hotStore;

  @BeforeAll
  static void migrate() {
    database = TestDatabases.freshDatabase("migration");
    hotStore = HotStore.open(database, new PoolSize(2));
  }

  @AfterAll
  static void close() {
    hotStore.close();
  }

  @ParameterizedTest
  @EnumSource(DriftType.class)
  void hotTablesHaveTheDefinedColumnsThenTheArchiveBookkeeping(DriftType type) throws SQLException {
    Map<String, String> expected = new LinkedHashMap<>();
    for (DriftColumn column : type.columns()) {
      expected.put(column.name(), column.postgresType() + " NO");
    }
    expected.put("archived", "boolean NO");
    expected.put("updated_at", "timestamp with time zone NO");
    expected.put("ins_xid", "xid8 NO");

    Map<String, String> actual = new LinkedHashMap<>();
    try (Connection connection = hotStore.dataSource().getConnection();
        PreparedStatement statement = connection.prepareStatement(
            "SELECT column_name, data_type, is_nullable FROM information_schema.columns "
                + "WHERE table_schema = 'scouter' AND table_name = ? ORDER BY ordinal_position")) {
      statement.setString(1, type.tableName());
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          actual.put(rows.getString(1), rows.getString(2) + " " + rows.getString(3));
        }
      }
    }
    assertThat(actual).containsExactlyEntriesOf(expected);
  }

  @ParameterizedTest
  @EnumSource(DriftType.class)
  void eachTableHasItsKeyAndBothAccessPathIndexes(DriftType type) throws SQLException {
    List<String> indexes = new ArrayList<>();
    try (Connection connection = hotStore.dataSource().getConnection();
        PreparedStatement statement = connection.prepareStatement(
            "SELECT indexdef FROM pg_indexes WHERE schemaname = 'scouter' AND tablename = ? ORDER BY indexname")) {
      statement.setString(1, type.tableName());
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          indexes.add(rows.getString(1));
        }
      }
    }
    assertThat(indexes).anySatisfy(index -> assertThat(index)
        .contains("UNIQUE").contains("created_at").contains(type.seriesColumn()));
    assertThat(indexes).anySatisfy(index -> assertThat(index)
        .endsWith("(space, name, version, created_at)"));
    assertThat(indexes).anySatisfy(index -> assertThat(index)
        .endsWith("(ins_xid, created_at)"));
    assertThat(indexes).as("the per-row archive bookkeeping is gone").noneSatisfy(index -> assertThat(index)
        .contains("archived"));
  }

  @Test
  void reopeningAppliesNothingTwice() throws SQLException {
    try (HotStore again = HotStore.open(database, new PoolSize(1));
        Connection connection = again.dataSource().getConnection();
        ResultSet rows = connection.createStatement().executeQuery(
            "SELECT count(*), bool_and(success) FROM scouter.flyway_schema_history WHERE version IS NOT NULL")) {
      rows.next();
      assertThat(rows.getInt(1)).isEqualTo(migrationFiles());
      assertThat(rows.getBoolean(2)).isTrue();
    }
  }

  /** Every versioned migration the build ships, each applied once: counted, so a new one needs no edit here. */
  private static long migrationFiles() {
    try (java.util.stream.Stream<java.nio.file.Path> files =
        java.nio.file.Files.list(java.nio.file.Path.of("src", "main", "resources", "db", "hotstore"))) {
      return files.filter(file -> file.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
