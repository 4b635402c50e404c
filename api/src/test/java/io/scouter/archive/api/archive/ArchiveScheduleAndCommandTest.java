package io.scouter.archive.api.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.scouter.archive.api.ScouterArchiveApplication;
import io.scouter.archive.api.config.ScouterArchiveConfiguration;
import io.scouter.archive.api.testing.TestApiKeys;
import io.scouter.archive.catalog.drift.DriftRecord;
import io.scouter.archive.catalog.hotstore.DriftRecordInserter;
import io.scouter.archive.catalog.hotstore.HotStore;
import io.scouter.archive.catalog.settings.DatabaseUri;
import io.scouter.archive.catalog.settings.PoolSize;
import io.scouter.archive.catalog.testing.TemporaryDirectories;
import io.scouter.archive.catalog.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

class ArchiveScheduleAndCommandTest {
  // Expired (60 days) but within the 7-day grace, so the scheduled deletion keeps them.
  private static final Instant OLD = Instant.now().minus(62, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

  private static void ingestOldRecords(String database, int count) throws Exception {
    try (HotStore hotStore = HotStore.open(DatabaseUri.parse(database).orElseThrow(), new PoolSize(2))) {
      DriftRecordInserter inserter = new DriftRecordInserter(hotStore.dataSource());
      for (int i = 0; i < count; i++) {
        inserter.insert(List.of(new DriftRecord.Custom(OLD.plusSeconds(i), "sched", "n", "v", "mae", i)));
      }
    }
  }

  private static long archived(String database) throws Exception {
    try (Connection connection = TestDatabases.connect(DatabaseUri.parse(database).orElseThrow());
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM scouter.custom_metric "
            + "WHERE scouter.is_archived('custom_metric', created_at, ins_xid)")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static String temporaryDirectory() {
    return TemporaryDirectories.create("scouter-archive-schedule-").toString();
  }

  /** The service on the database with its archive schedule on: a pass at once, then every second. */
  private static DropwizardAppExtension<ScouterArchiveConfiguration> scheduledService(String database,
      ConfigOverride... more) {
    List<ConfigOverride> overrides = new java.util.ArrayList<>(List.of(
        ConfigOverride.config("database.uri", database),
        ConfigOverride.config("storage.uri", () -> temporaryDirectory()),
        ConfigOverride.config("archive.enabled", "true"),
        ConfigOverride.config("archive.initialDelay", "0s"),
        ConfigOverride.config("archive.interval", "1s")));
    overrides.addAll(List.of(more));
    return new DropwizardAppExtension<>(ScouterArchiveApplication.class,
        ResourceHelpers.resourceFilePath("test-config.yml"), overrides.toArray(ConfigOverride[]::new));
  }

  @Nested
  @ExtendWith(DropwizardExtensionsSupport.class)
  class Schedule {
    private static final String DATABASE = TestDatabases.freshDatabaseUri("archive_schedule");
    private static final DropwizardAppExtension<ScouterArchiveConfiguration> APP = scheduledService(DATABASE);

    @BeforeAll
    static void authenticate() {
      TestApiKeys.authenticate(APP);
    }

    @Test
    void runsPassesOnItsOwnAndKeepsRunning() throws Exception {
      ingestOldRecords(DATABASE, 5);
      await().atMost(Duration.ofSeconds(30)).until(() -> archived(DATABASE) == 5);
      try (HotStore hotStore = HotStore.open(DatabaseUri.parse(DATABASE).orElseThrow(), new PoolSize(1))) {
        new DriftRecordInserter(hotStore.dataSource()).insert(
            List.of(new DriftRecord.Custom(OLD.plusSeconds(1000), "sched", "n", "v", "mae", 1)));
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> archived(DATABASE) == 6);
    }

    @Test
    void theSchedulersMetricsHaveReadableNames() {
      assertThat(APP.getEnvironment().metrics().getNames())
          .contains("archive-scheduler.running", "archive-scheduler.created")
          .noneMatch(name -> name.contains("%"));
    }
  }

  /**
   * The embedded server has no pg_cron, so the service's own schedule must delete archived rows
   * past retention plus grace (zero here): the rows leave PostgreSQL, and the archive holds them.
   */
  @Nested
  @ExtendWith(DropwizardExtensionsSupport.class)
  class DeletionWithoutPgCron {
    private static final String DATABASE = TestDatabases.freshDatabaseUri("archive_deletion");
    private static final DropwizardAppExtension<ScouterArchiveConfiguration> APP = scheduledService(DATABASE,
        ConfigOverride.config("archive.retentionGrace", "0s"));

    @Test
    void theServiceDeletesArchivedRowsItself() throws Exception {
      assertThat(count(DATABASE, "SELECT count(*) FROM pg_extension WHERE extname = 'pg_cron'")).isZero();
      ingestOldRecords(DATABASE, 4);
      await().atMost(Duration.ofSeconds(30)).until(() -> count(DATABASE, "SELECT count(*) FROM scouter.custom_metric") == 0);
      assertThat(count(DATABASE, "SELECT coalesce(sum(rows), 0) FROM scouter.archive_run "
          + "WHERE table_name = 'custom_metric' AND status = 'done'")).isEqualTo(4);
    }
  }

  private static long count(String database, String sql) throws Exception {
    try (Connection connection = TestDatabases.connect(DatabaseUri.parse(database).orElseThrow());
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  @Nested
  class Command {
    @Test
    void archiveCommandRunsOnePassWithTheServersConfiguration() throws Exception {
      String database = TestDatabases.freshDatabaseUri("archive_command");
      ingestOldRecords(database, 7);
      Path config = TemporaryDirectories.create("scouter-archive-command-").resolve("config.yml");
      Files.writeString(config, String.join("\n",
          "database:",
          "  uri: " + database,
          "storage:",
          "  uri: " + temporaryDirectory(),
          "logging:",
          "  level: WARN",
          ""));

      new ScouterArchiveApplication().run("archive", config.toString());

      assertThat(archived(database)).isEqualTo(7);
    }
  }
}
