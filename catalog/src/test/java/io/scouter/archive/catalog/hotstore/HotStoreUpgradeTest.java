package io.scouter.archive.catalog.hotstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.catalog.settings.DatabaseUri;
import io.scouter.archive.catalog.settings.PoolSize;
import io.scouter.archive.catalog.testing.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The upgrade from per-row archive marks (V4) to the watermark (V5) keeps every row where it was:
 * rows marked archived stay archived, late rows below the old cutoff and hot rows stay hot.
 */
class HotStoreUpgradeTest {
  private static final Instant DAY = Instant.now().truncatedTo(ChronoUnit.DAYS);

  @Test
  void rowsArchivedBeforeTheUpgradeStayArchivedAndNoOtherRowIs() throws SQLException {
    DatabaseUri uri = TestDatabases.freshDatabase("upgrade");
    migrateTo(uri, "4");
    Instant cutoff = DAY.minus(90, ChronoUnit.DAYS);
    execute(uri,
        "INSERT INTO scouter.archive_run (id, pass_id, table_name, status, cutoff, snapshot_id) VALUES "
            + "(7, gen_random_uuid(), 'spc_drift', 'done', '" + cutoff + "', 42), "
            + "(8, gen_random_uuid(), 'spc_drift', 'released', '" + cutoff + "', NULL)",
        "INSERT INTO scouter.archive_state (table_name, snapshot_id) VALUES ('spc_drift', 42)",
        "INSERT INTO scouter.spc_drift (created_at, space, name, version, feature, value, archived, archive_run) "
            + "VALUES ('" + DAY.minus(100, ChronoUnit.DAYS) + "', 's', 'n', 'v', 'archived', 1, true, 7), "
            + "('" + DAY.minus(100, ChronoUnit.DAYS) + "', 's', 'n', 'v', 'late', 2, false, NULL), "
            + "('" + DAY.minus(10, ChronoUnit.DAYS) + "', 's', 'n', 'v', 'hot', 3, false, NULL)",
        "INSERT INTO scouter.custom_metric (created_at, space, name, version, metric, value) "
            + "VALUES ('" + DAY.minus(100, ChronoUnit.DAYS) + "', 's', 'n', 'v', 'never-archived', 1)");

    try (HotStore hotStore = HotStore.open(uri, new PoolSize(1));
        Connection connection = hotStore.dataSource().getConnection()) {
      assertThat(archivedFeatures(connection, "spc_drift", "feature")).isEqualTo("archived");
      assertThat(archivedFeatures(connection, "custom_metric", "metric")).isEmpty();
      assertThat(archiveState(connection, "spc_drift")).isEqualTo("7/42/" + cutoff);
      assertThat(archiveState(connection, "custom_metric")).isNull();
    }
  }

  @Test
  void refusesToUpgradeWhileARunIsPending() throws SQLException {
    DatabaseUri uri = TestDatabases.freshDatabase("upgrade_pending");
    migrateTo(uri, "4");
    execute(uri, "INSERT INTO scouter.archive_run (pass_id, table_name, status, cutoff) "
        + "VALUES (gen_random_uuid(), 'spc_drift', 'claimed', now())");

    assertThatThrownBy(() -> HotStore.open(uri, new PoolSize(1)).close())
        .hasStackTraceContaining("Archive runs are still pending");
  }

  /** run/snapshot/cutoff of the table's archive state as stored (the archiver's reading is tested there). */
  private static String archiveState(Connection connection, String table) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT run_id || '/' || snapshot_id || '/' || "
            + "to_char(cutoff AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') "
            + "FROM scouter.archive_state WHERE table_name = '" + table + "'")) {
      return rows.next() ? rows.getString(1) : null;
    }
  }

  private static String archivedFeatures(Connection connection, String table, String series) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT coalesce(string_agg(" + series + ", ','), '') FROM scouter."
            + table + " WHERE scouter.is_archived('" + table + "', created_at, ins_xid)")) {
      rows.next();
      return rows.getString(1);
    }
  }

  private static void migrateTo(DatabaseUri uri, String version) {
    Flyway.configure()
        .dataSource(uri.jdbcUrl(), uri.user().orElse(null), uri.password().orElse(null))
        .schemas(DriftType.SCHEMA)
        .createSchemas(true)
        .locations("classpath:db/hotstore")
        .target(version)
        .load()
        .migrate();
  }

  private static void execute(DatabaseUri uri, String... statements) throws SQLException {
    try (Connection connection = TestDatabases.connect(uri); Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }
}
