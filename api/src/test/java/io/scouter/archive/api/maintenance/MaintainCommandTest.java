package io.scouter.archive.api.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.scouter.archive.api.ScouterArchiveApplication;
import io.scouter.archive.catalog.drift.DriftRecord;
import io.scouter.archive.catalog.hotstore.DriftRecordInserter;
import io.scouter.archive.catalog.hotstore.HotStore;
import io.scouter.archive.catalog.settings.DatabaseUri;
import io.scouter.archive.catalog.settings.PoolSize;
import io.scouter.archive.catalog.testing.TestDatabases;
import io.scouter.archive.catalog.testing.TemporaryDirectories;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code maintain config.yml}: one pass with the server's configuration, recorded like the scheduled ones. */
class MaintainCommandTest {
  private static final Instant OLD = Instant.now().minus(70, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS);

  @Test
  void maintainCommandCompactsTwoRunsOfOneDayIntoOneFile() throws Exception {
    String database = TestDatabases.freshDatabaseUri("maintain_command");
    Path config = TemporaryDirectories.create("scouter-maintain-command-").resolve("config.yml");
    Files.writeString(config, String.join("\n",
        "database:",
        "  uri: " + database,
        "storage:",
        "  uri: " + TemporaryDirectories.create("scouter-maintain-command-"),
        "logging:",
        "  level: WARN",
        ""));
    for (int batch = 0; batch < 2; batch++) {
      try (HotStore hotStore = HotStore.open(DatabaseUri.parse(database).orElseThrow(), new PoolSize(2))) {
        new DriftRecordInserter(hotStore.dataSource()).insert(List.of(
            new DriftRecord.Custom(OLD.plusSeconds(batch * 60L), "cmd", "n", "v", "mae", batch)));
      }
      new ScouterArchiveApplication().run("archive", config.toString());
    }

    new ScouterArchiveApplication().run("maintain", config.toString());

    try (Connection connection = TestDatabases.connect(DatabaseUri.parse(database).orElseThrow());
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT status, data_files_before, data_files_after "
            + "FROM scouter.maintenance_run WHERE table_name = 'custom_metric'")) {
      assertThat(row.next()).isTrue();
      assertThat(row.getString(1)).isEqualTo("done");
      assertThat(row.getLong(2)).isEqualTo(2);
      assertThat(row.getLong(3)).isEqualTo(1);
      assertThat(row.next()).isFalse();
    }
  }
}
