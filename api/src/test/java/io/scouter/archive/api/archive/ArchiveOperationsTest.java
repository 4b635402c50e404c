package io.scouter.archive.api.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.scouter.archive.api.ScouterArchiveApplication;
import io.scouter.archive.api.config.ScouterArchiveConfiguration;
import io.scouter.archive.api.testing.TestApiKeys;
import io.scouter.archive.catalog.settings.DatabaseUri;
import io.scouter.archive.catalog.testing.TemporaryDirectories;
import io.scouter.archive.catalog.testing.TestDatabases;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** The archiver as an operator sees it: the admin task, the runs route, metrics and health checks. */
@ExtendWith(DropwizardExtensionsSupport.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
// JSON bodies are read as raw Maps (readEntity(Map.class)), as a client without our types would.
@SuppressWarnings("unchecked")
class ArchiveOperationsTest {
  private static final String ARCHIVED = "scouter.is_archived('spc_drift', created_at, ins_xid)";
  private static final String DATABASE = TestDatabases.freshDatabaseUri("archive_operations");
  private static final DropwizardAppExtension<ScouterArchiveConfiguration> APP = new DropwizardAppExtension<>(
      ScouterArchiveApplication.class, ResourceHelpers.resourceFilePath("test-config.yml"),
      ConfigOverride.config("database.uri", DATABASE),
      ConfigOverride.config("storage.uri", () -> temporaryDirectory()));

  private static String temporaryDirectory() {
    return TemporaryDirectories.create("scouter-archive-operations-").toString();
  }

  private static String app(String path) {
    return "http://localhost:" + APP.getLocalPort() + path;
  }

  private static String admin(String path) {
    return "http://localhost:" + APP.getAdminPort() + path;
  }

  @BeforeAll
  static void ingestExpiredAndRecentRecords() {
    TestApiKeys.authenticate(APP);
    Instant old = Instant.now().minus(100, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    Instant recent = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    List<String> records = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      records.add(String.format("{\"Spc\":{\"created_at\":\"%s\",\"space\":\"ops\",\"name\":\"n\",\"version\":\"v\","
          + "\"feature\":\"f\",\"value\":%d}}", (i < 20 ? old : recent).plusSeconds(i), i));
    }
    Response response = APP.client().target(app("/scouter/drift")).request()
        .post(Entity.entity("{\"records\":[" + String.join(",", records) + "]}", MediaType.APPLICATION_JSON_TYPE));
    assertThat(response.getStatus()).isEqualTo(200);
  }

  @Test
  @Order(1)
  void lagCountsFromArrivalSoOldRecordsJustIngestedAreNotOverdue() {
    Map<String, Object> health = healthChecks();
    // Rows just arrived: overdue since their arrival, i.e. a few seconds, below the 6 h threshold.
    assertThat(check(health, "archive-lag")).containsEntry("healthy", true);
  }

  @Test
  @Order(2)
  void theAdminTaskRunsAPassAndSummarisesIt() throws Exception {
    // The task answers when the pass is done; a cold pass on a busy CI machine can outlast the
    // test client's default 5 s read timeout.
    Response response = APP.client().target(admin("/tasks/archive"))
        .property(org.glassfish.jersey.client.ClientProperties.READ_TIMEOUT, 120_000)
        .request().post(Entity.text(""));
    assertThat(response.getStatus()).isEqualTo(200);
    String summary = response.readEntity(String.class);
    assertThat(summary).contains("20 rows").contains("spc_drift").contains("DONE");
    try (Connection connection = TestDatabases.connect(DatabaseUri.parse(DATABASE).orElseThrow());
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(
            "SELECT count(*) FILTER (WHERE " + ARCHIVED + "), count(*) FILTER (WHERE NOT " + ARCHIVED + ") "
                + "FROM scouter.spc_drift")) {
      rows.next();
      assertThat(rows.getLong(1)).isEqualTo(20);
      assertThat(rows.getLong(2)).isEqualTo(10);
    }
  }

  @Test
  @Order(3)
  @SuppressWarnings("unchecked")
  void theRunsRouteListsTheRecordedRuns() {
    Map<String, Object> body = APP.client().target(app("/scouter/archive/runs")).queryParam("limit", 5)
        .request().get(Map.class);
    List<Map<String, Object>> runs = (List<Map<String, Object>>) body.get("runs");
    assertThat(runs).hasSize(1);
    assertThat(runs.get(0))
        .containsEntry("table", "spc_drift")
        .containsEntry("status", "done")
        .containsEntry("rows", 20)
        .containsEntry("files", 1);
    assertThat(runs.get(0).keySet()).as("snake_case like every other route")
        .contains("pass_id", "min_created_at", "max_created_at", "finished_at")
        .allMatch(key -> key.matches("[a-z]+(_[a-z]+)*"));
    assertThat(runs.get(0).get("snapshot_id")).isNotNull();
    assertThat(runs.get(0).get("started_at")).asString().matches("\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z");
  }

  @Test
  @Order(4)
  void aBadLimitIsA400NamingTheParameter() {
    Response response = APP.client().target(app("/scouter/archive/runs")).queryParam("limit", "lots").request().get();
    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(response.readEntity(Map.class))
        .containsEntry("error", "Invalid limit: 'lots' (accepted: a whole number from 1 to 1000)");
  }

  @Test
  @Order(5)
  void metricsCountArchivedRowsAndLag() {
    Map<String, Object> metrics = APP.client().target(admin("/metrics")).request().get(Map.class);
    assertThat(metrics.toString())
        .contains("io.scouter.archive.archiver.DataArchiver.rows-archived={count=20}")
        .contains("io.scouter.archive.archiver.DataArchiver.lag-seconds={value=0}");
    assertThat(check(healthChecks(), "archive-lag")).containsEntry("healthy", true);
  }

  private static Map<String, Object> healthChecks() {
    return APP.client().target(admin("/healthcheck")).request().get(Map.class);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> check(Map<String, Object> health, String name) {
    return (Map<String, Object>) health.get(name);
  }
}
