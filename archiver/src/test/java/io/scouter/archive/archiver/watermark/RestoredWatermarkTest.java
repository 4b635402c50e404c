package io.scouter.archive.archiver.watermark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.catalog.hotstore.HotStore;
import io.scouter.archive.catalog.settings.DatabaseUri;
import io.scouter.archive.catalog.settings.PoolSize;
import io.scouter.archive.catalog.testing.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * A logical restore into another cluster: rows keep the old cluster's transaction ids, which run
 * far ahead of the new one's. The watermark is refused (the service assembly checks it before
 * anything writes) until it is rebased; rebased, every row is where it was, and rows inserted
 * afterwards are hot.
 */
class RestoredWatermarkTest {
  private static final Instant DAY = Instant.now().truncatedTo(ChronoUnit.DAYS);

  @Test
  void aWatermarkFromAnotherClusterIsRefusedUntilRebased() throws SQLException {
    DatabaseUri uri = TestDatabases.freshDatabase("restored");
    Instant cutoff = DAY.minus(90, ChronoUnit.DAYS);
    String old = DAY.minus(100, ChronoUnit.DAYS).toString();
    try (HotStore hotStore = HotStore.open(uri, new PoolSize(1));
        Connection connection = hotStore.dataSource().getConnection()) {
      ArchiveState.requireTakenInThisCluster(connection);
      // As restored: ids of the old cluster; its watermark saw everything before id 900000000.
      execute(connection,
          "INSERT INTO scouter.spc_drift (created_at, space, name, version, feature, value, ins_xid) VALUES "
              + "('" + old + "', 's', 'n', 'v', 'archived', 1, '899999000'), "
              + "('" + old + "', 's', 'n', 'v', 'late', 2, '900000100'), "
              + "('" + DAY.minus(10, ChronoUnit.DAYS) + "', 's', 'n', 'v', 'hot', 3, '899999500')",
          "INSERT INTO scouter.archive_state (table_name, snapshot_id, run_id, cutoff, pg_snapshot) "
              + "VALUES ('spc_drift', 42, 7, '" + cutoff + "', '900000000:900000000:')");

      assertThatThrownBy(() -> ArchiveState.requireTakenInThisCluster(connection))
          .hasMessageContaining("The archive watermark of spc_drift was taken in another PostgreSQL cluster")
          .hasMessageContaining("SELECT scouter.rebase_archive_watermark()");
      assertThatThrownBy(() -> ArchiveState.read(connection, DriftType.SPC))
          .hasMessageContaining("taken in another PostgreSQL cluster");

      execute(connection, "SELECT scouter.rebase_archive_watermark()",
          "INSERT INTO scouter.spc_drift (created_at, space, name, version, feature, value) "
              + "VALUES ('" + old + "', 's', 'n', 'v', 'after-restore', 4)");
      ArchiveState.requireTakenInThisCluster(connection);
      assertThat(archivedFeatures(connection)).isEqualTo("archived");
      ArchiveState state = ArchiveState.read(connection, DriftType.SPC).orElseThrow();
      assertThat(state.watermark().cutoff()).isEqualTo(cutoff);
      assertThat(state.runId()).hasValue(7);
      assertThat(state.snapshotId()).isEqualTo(42);
    }
  }

  private static String archivedFeatures(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT coalesce(string_agg(feature, ','), '') FROM scouter.spc_drift"
            + " WHERE scouter.is_archived('spc_drift', created_at, ins_xid)")) {
      rows.next();
      return rows.getString(1);
    }
  }

  private static void execute(Connection connection, String... statements) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }
}
