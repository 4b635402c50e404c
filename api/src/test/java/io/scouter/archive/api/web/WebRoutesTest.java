package io.scouter.archive.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.scouter.archive.api.ScouterArchiveApplication;
import io.scouter.archive.api.config.ScouterArchiveConfiguration;
import io.scouter.archive.api.testing.TestApiKeys;
import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.catalog.settings.DatabaseUri;
import io.scouter.archive.catalog.testing.TestDatabases;
import io.scouter.archive.catalog.testing.TemporaryDirectories;
import jakarta.ws.rs.client.Entity;
import org.glassfish.jersey.client.ClientProperties;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The routes behind the web pages, over real PostgreSQL and Iceberg: the entity listing (archived
 * spans from the archive's file metadata, proved by deleting the archived rows from PostgreSQL
 * first), the archive lag, and the pages served at / next to Jersey's routes.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebRoutesTest {
  private static final String DATABASE = TestDatabases.freshDatabaseUri("web_routes");
  private static final DropwizardAppExtension<ScouterArchiveConfiguration> APP = new DropwizardAppExtension<>(
      ScouterArchiveApplication.class, ResourceHelpers.resourceFilePath("test-config.yml"),
      ConfigOverride.config("database.uri", DATABASE),
      ConfigOverride.config("retention.period", "30"),
      ConfigOverride.config("storage.uri", WebRoutesTest::temporaryDirectory));
  private static final Instant DAY = Instant.now().truncatedTo(ChronoUnit.DAYS);
  private static final Instant OLD = DAY.minus(50, ChronoUnit.DAYS).plusSeconds(3600);
  private static final Instant RECENT = DAY.minus(2, ChronoUnit.DAYS).plusSeconds(7200);

  private static String temporaryDirectory() {
    return TemporaryDirectories.create("scouter-web-routes-").toString();
  }

  @BeforeAll
  static void ingestArchiveAndDropArchivedRowsFromPostgres() throws SQLException {
    TestApiKeys.authenticate(APP);
    DriftRecords records = new DriftRecords();
    for (int day = 0; day < 3; day++) {
      Instant old = OLD.plus(day, ChronoUnit.DAYS);
      records.spc("web/a/1", "f1", old, day).spc("web/a/1", "f2", old.plusSeconds(60), day)
          .custom("web/a/1", "m", old, day);
    }
    records.spc("web/a/1", "f1", RECENT, 1).spc("web/a/1", "f1", RECENT.plusSeconds(600), 2)
        .psi("web/b/1", "p", RECENT, 0, 5).psi("web/b/1", "p", RECENT, 1, 7);
    ingest(records);
    archive();
  }

  @Test
  @Order(1)
  @SuppressWarnings("unchecked")
  void entitiesListFeaturesHotSpansAndArchivedSpansFromIceberg() {
    Map<String, Object> listing = get("/scouter/entities");
    List<Map<String, Object>> entities = (List<Map<String, Object>>) listing.get("entities");
    assertThat(entities).extracting(e -> e.get("space") + "/" + e.get("name") + "/" + e.get("version"))
        .containsExactly("web/a/1", "web/b/1");
    Map<String, Map<String, Object>> a = (Map<String, Map<String, Object>>) entities.get(0).get("drift_types");
    assertThat(a).containsOnlyKeys("Spc", "Custom");
    assertThat(a.get("Spc").get("features")).isEqualTo(List.of("f1", "f2"));
    assertThat(a.get("Spc").get("hot")).isEqualTo(Map.of("begin", RECENT.toString(),
        "end", RECENT.plusSeconds(600).toString()));
    assertThat(a.get("Spc").get("archived")).isEqualTo(Map.of("begin", OLD.toString(),
        "end", OLD.plus(2, ChronoUnit.DAYS).plusSeconds(60).toString(), "files", 3, "rows", 6));
    assertThat(a.get("Custom").get("features")).isEqualTo(List.of("m"));
    assertThat(a.get("Custom").get("hot")).isNull();
    assertThat(a.get("Custom").get("archived")).isEqualTo(Map.of("begin", OLD.toString(),
        "end", OLD.plus(2, ChronoUnit.DAYS).toString(), "files", 3, "rows", 3));
    Map<String, Map<String, Object>> b = (Map<String, Map<String, Object>>) entities.get(1).get("drift_types");
    assertThat(b).containsOnlyKeys("Psi");
    assertThat(b.get("Psi").get("archived")).isNull();
    Map<String, Object> cutoffs = (Map<String, Object>) listing.get("archive_cutoffs");
    assertThat(cutoffs.get("Spc")).isEqualTo(DAY.minus(30, ChronoUnit.DAYS).toString());
    assertThat(cutoffs).containsKey("Psi");
    assertThat(cutoffs.get("Psi")).isNull();
  }

  @Test
  @Order(2)
  @SuppressWarnings("unchecked")
  void aNewArchiveSnapshotRefreshesTheArchivedSpans() throws SQLException {
    Instant late = OLD.minus(5, ChronoUnit.DAYS);
    ingest(new DriftRecords().spc("web/a/1", "f3", late, 9));
    archive();
    Map<String, Object> listing = get("/scouter/entities?drift_type=Spc");
    Map<String, Object> spc = ((Map<String, Map<String, Object>>) ((List<Map<String, Object>>) listing.get("entities"))
        .get(0).get("drift_types")).get("Spc");
    assertThat(spc.get("features")).isEqualTo(List.of("f1", "f2", "f3"));
    assertThat((Map<String, Object>) spc.get("archived")).containsEntry("begin", late.toString())
        .containsEntry("files", 4).containsEntry("rows", 7);
  }

  @Test
  @Order(3)
  @SuppressWarnings("unchecked")
  void theDriftTypeFilterKeepsOneTypeAndRejectsUnknownOnes() {
    Map<String, Object> listing = get("/scouter/entities?drift_type=Psi");
    List<Map<String, Object>> entities = (List<Map<String, Object>>) listing.get("entities");
    assertThat(entities).hasSize(1);
    assertThat((Map<String, Object>) entities.get(0).get("drift_types")).containsOnlyKeys("Psi");
    assertThat((Map<String, Object>) listing.get("archive_cutoffs")).containsOnlyKeys("Psi");

    Response response = APP.client().target(app("/scouter/entities?drift_type=spc")).request().get();
    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(response.readEntity(Map.class)).containsEntry("code", "invalid_parameter")
        .containsEntry("parameter", "drift_type")
        .containsEntry("error", "Invalid drift_type: 'spc' (accepted: Spc, Psi, Custom)");
  }

  @Test
  @Order(4)
  void theLagRouteReportsTheHealthCheckThreshold() {
    Map<String, Object> lag = get("/scouter/archive/lag");
    assertThat(lag).containsEntry("threshold_seconds", 21600).containsEntry("healthy", true)
        .containsEntry("lag_seconds", 0).containsKey("measured_at");
  }

  @Test
  @Order(5)
  void thePagesAreServedAtTheRootNextToJerseyRoutes() {
    for (String page : List.of("/", "/?space=web&name=a&version=1&type=Spc&range=24h", "/index.html")) {
      Response response = APP.client().target(app(page)).request().get();
      assertThat(response.getStatus()).as(page).isEqualTo(200);
      assertThat(response.getMediaType().toString()).startsWith("text/html");
      assertThat(response.readEntity(String.class)).contains("<title>Scouter Archive · Drift</title>");
    }
    String archive = APP.client().target(app("/archive.html")).request().get(String.class);
    assertThat(archive).contains("<title>Scouter Archive · Archive</title>");
    Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(archive);
    assertThat(script.find()).as("the page references its bundle").isTrue();
    Response bundle = APP.client().target(app(script.group(1))).request().get();
    assertThat(bundle.getStatus()).isEqualTo(200);
    assertThat(bundle.getMediaType().toString()).startsWith("text/javascript");

    Response unknown = APP.client().target(app("/scouter/no-such-route")).request().get();
    assertThat(unknown.getStatus()).isEqualTo(404);
    assertThat(unknown.readEntity(Map.class)).containsEntry("code", "not_found");
    Response runs = APP.client().target(app("/scouter/archive/runs")).request().get();
    assertThat(runs.getMediaType()).isEqualTo(MediaType.APPLICATION_JSON_TYPE);
  }

  private static void ingest(DriftRecords records) {
    Response response = APP.client().target(app("/scouter/drift")).request()
        .post(Entity.entity(records.body(), MediaType.APPLICATION_JSON_TYPE));
    assertThat(response.getStatus()).isEqualTo(200);
  }

  /** One archive pass, then the archived rows leave PostgreSQL: what the listing says of them comes from Iceberg. */
  private static void archive() throws SQLException {
    Response response = APP.client().target("http://localhost:" + APP.getAdminPort() + "/tasks/archive")
        .property(ClientProperties.READ_TIMEOUT, 120_000).request().post(Entity.text(""));
    assertThat(response.getStatus()).isEqualTo(200);
    try (Connection connection = TestDatabases.connect(DatabaseUri.parse(DATABASE).orElseThrow());
        Statement statement = connection.createStatement()) {
      for (DriftType type : DriftType.values()) {
        statement.executeUpdate("DELETE FROM " + type.qualifiedTableName() + " WHERE scouter.is_archived('"
            + type.tableName() + "', created_at, ins_xid)");
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> get(String path) {
    return APP.client().target(app(path)).request().get(Map.class);
  }

  private static String app(String path) {
    return "http://localhost:" + APP.getLocalPort() + path;
  }
}
