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
      ArchiveState state = ArchiveState.read(connection, DriftType.SPC).orElseThrow();
      assertThat(state.runId()).hasValue(7);
      assertThat(state.snapshotId()).isEqualTo(42);
      assertThat(state.watermark().cutoff()).isEqualTo(cutoff);
      assertThat(ArchiveState.read(connection, DriftType.CUSTOM)).isEmpty();
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

  /**
   * A logical restore into another cluster: rows keep the old cluster's transaction ids, which
   * run far ahead of the new one's. The service refuses to start until the watermark is rebased;
   * rebased, every row is where it was, and rows inserted afterwards are hot.
   */
  @Test
  void aWatermarkFromAnotherClusterIsRefusedUntilRebased() throws SQLException {
    DatabaseUri uri = TestDatabases.freshDatabase("restored");
    HotStore.open(uri, new PoolSize(1)).close();
    Instant cutoff = DAY.minus(90, ChronoUnit.DAYS);
    String old = DAY.minus(100, ChronoUnit.DAYS).toString();
    // As restored: ids of the old cluster; its watermark saw everything before id 900000000.
    execute(uri,
        "INSERT INTO scouter.spc_drift (created_at, space, name, version, feature, value, ins_xid) VALUES "
            + "('" + old + "', 's', 'n', 'v', 'archived', 1, '899999000'), "
            + "('" + old + "', 's', 'n', 'v', 'late', 2, '900000100'), "
            + "('" + DAY.minus(10, ChronoUnit.DAYS) + "', 's', 'n', 'v', 'hot', 3, '899999500')",
        "INSERT INTO scouter.archive_state (table_name, snapshot_id, run_id, cutoff, pg_snapshot) "
            + "VALUES ('spc_drift', 42, 7, '" + cutoff + "', '900000000:900000000:')");

    assertThatThrownBy(() -> HotStore.open(uri, new PoolSize(1)).close())
        .hasMessageContaining("The archive watermark of spc_drift was taken in another PostgreSQL cluster")
        .hasMessageContaining("SELECT scouter.rebase_archive_watermark()");

    execute(uri, "SELECT scouter.rebase_archive_watermark()",
        "INSERT INTO scouter.spc_drift (created_at, space, name, version, feature, value) "
            + "VALUES ('" + old + "', 's', 'n', 'v', 'after-restore', 4)");
    try (HotStore hotStore = HotStore.open(uri, new PoolSize(1));
        Connection connection = hotStore.dataSource().getConnection()) {
      assertThat(archivedFeatures(connection, "spc_drift", "feature")).isEqualTo("archived");
      ArchiveState state = ArchiveState.read(connection, DriftType.SPC).orElseThrow();
      assertThat(state.watermark().cutoff()).isEqualTo(cutoff);
      assertThat(state.runId()).hasValue(7);
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
