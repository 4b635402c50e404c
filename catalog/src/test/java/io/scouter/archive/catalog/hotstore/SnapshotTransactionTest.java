package io.scouter.archive.catalog.hotstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scouter.archive.catalog.settings.PoolSize;
import io.scouter.archive.catalog.testing.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SnapshotTransactionTest {
  private static HotStore hotStore;

  @BeforeAll
  static void open() throws SQLException {
    hotStore = HotStore.open(TestDatabases.freshDatabase("snapshot_sharing"), new PoolSize(4));
    execute("CREATE TABLE shared_counts (id int)");
    execute("INSERT INTO shared_counts VALUES (1), (2)");
  }

  @AfterAll
  static void close() {
    hotStore.close();
  }

  @Test
  void aSharingTransactionSeesTheExportersSnapshotNotLaterCommits() throws SQLException {
    try (SnapshotTransaction exporter = SnapshotTransaction.open(hotStore.dataSource())) {
      String exported = exporter.exportSnapshot();
      execute("INSERT INTO shared_counts VALUES (3)");
      try (SnapshotTransaction sharer = SnapshotTransaction.sharing(hotStore.dataSource(), exported)) {
        execute("INSERT INTO shared_counts VALUES (4)");

        assertThat(count(sharer.connection())).isEqualTo(2);
        assertThat(count(exporter.connection())).isEqualTo(2);
      }
    }
    try (Connection connection = hotStore.dataSource().getConnection()) {
      assertThat(count(connection)).isEqualTo(4);
    }
    execute("DELETE FROM shared_counts WHERE id > 2");
  }

  @Test
  void aSnapshotIdThatIsNotOneIsRefusedBeforeReachingTheServer() {
    assertThatThrownBy(() -> SnapshotTransaction.sharing(hotStore.dataSource(), "1'; DROP TABLE shared_counts; --"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Invalid exported snapshot id");
  }

  @Test
  void aSnapshotWhoseExporterEndedCannotBeShared() throws SQLException {
    String exported;
    try (SnapshotTransaction exporter = SnapshotTransaction.open(hotStore.dataSource())) {
      exported = exporter.exportSnapshot();
    }
    assertThatThrownBy(() -> SnapshotTransaction.sharing(hotStore.dataSource(), exported))
        .isInstanceOf(SQLException.class);
    try (Connection connection = hotStore.dataSource().getConnection()) {
      assertThat(count(connection)).isEqualTo(2); // the failed attempt left its pooled connection usable
    }
  }

  private static long count(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT count(*) FROM shared_counts")) {
      row.next();
      return row.getLong(1);
    }
  }

  private static void execute(String sql) throws SQLException {
    try (Connection connection = hotStore.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
