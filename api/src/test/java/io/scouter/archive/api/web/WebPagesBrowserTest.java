package io.scouter.archive.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.glassfish.jersey.client.ClientProperties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Both pages in a real browser (Debian's Chromium driven by playwright-core, web/e2e/pages.e2e.mjs)
 * against the running service: data on both sides of the retention boundary after an archive pass
 * (the archived rows then deleted from PostgreSQL, so they can only come from Iceberg), a range
 * that straddles the boundary, and every plotted point compared with the API's own answer.
 * Screenshots land in api/target/web-e2e.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class WebPagesBrowserTest {
  private static final String DATABASE = TestDatabases.freshDatabaseUri("web_pages");
  private static final DropwizardAppExtension<ScouterArchiveConfiguration> APP = new DropwizardAppExtension<>(
      ScouterArchiveApplication.class, ResourceHelpers.resourceFilePath("test-config.yml"),
      ConfigOverride.config("database.uri", DATABASE),
      ConfigOverride.config("retention.period", "30"),
      // Reads open (SCOUTER_AUTH_READS=open), so the pages work before a key is typed in.
      ConfigOverride.config("auth.reads", "open"),
      ConfigOverride.config("storage.uri", WebPagesBrowserTest::temporaryDirectory));
  private static final String ENTITY = "shop/checkout-model/2.1.0";
  private static final Path WEB = Path.of(System.getProperty("scouter.web.dir", "../web"));
  private static final Path OUT = Path.of(System.getProperty("scouter.e2e.out", "target/web-e2e"));
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.HOURS);
  private static final Instant CUTOFF = NOW.truncatedTo(ChronoUnit.DAYS).minus(30, ChronoUnit.DAYS);

  private static Map<String, Object> results;

  private static String temporaryDirectory() {
    return TemporaryDirectories.create("scouter-web-pages-").toString();
  }

  @BeforeAll
  static void loadArchiveAndBrowse() throws Exception {
    TestApiKeys.authenticate(APP);
    ingest(sixtyDays());
    ingest(profile(), "/scouter/profile");
    Response pass = APP.client().target("http://localhost:" + APP.getAdminPort() + "/tasks/archive")
        .property(ClientProperties.READ_TIMEOUT, 120_000).request().post(Entity.text(""));
    assertThat(pass.getStatus()).isEqualTo(200);
    deleteArchivedRowsFromPostgres();
    results = browse(CUTOFF.minus(10, ChronoUnit.DAYS), CUTOFF.plus(10, ChronoUnit.DAYS));
  }

  @Test
  void thePlottedPointsOfEveryDriftTypeAreTheApiAnswerAcrossTheBoundary() {
    assertThat(results.get("errors")).as("errors in the page").isEqualTo(List.of());
    assertThat(list(results.get("offered"))).as("searchable entities").contains("shop / checkout-model / 2.1.0",
        "fraud / scorer / 1.0.0");
    Map<String, Object> types = map(results.get("types"));
    assertPlottedEqualsApi(map(types.get("Spc")), "features", List.of("basket", "latency"));
    assertPlottedEqualsApi(map(types.get("Psi")), "features", List.of("basket"));
    assertPlottedEqualsApi(map(types.get("Custom")), "metrics", List.of("mae"));
    for (Object type : types.values()) {
      assertThat(map(map(type).get("cutoffs")).get("Spc")).isEqualTo(CUTOFF.toString());
      List<Object> x = list(list(map(list(map(type).get("charts")).get(0)).get("data")).get(0));
      double cutoff = CUTOFF.getEpochSecond();
      assertThat(x).as("points on both sides of the archive boundary")
          .anySatisfy(v -> assertThat(((Number) v).doubleValue()).isLessThan(cutoff))
          .anySatisfy(v -> assertThat(((Number) v).doubleValue()).isGreaterThanOrEqualTo(cutoff));
    }
  }

  @Test
  void draggingZoomsIntoTheRangeAndTheUrlReopensTheSameView() {
    Map<String, Object> zoomed = map(results.get("zoomed"));
    String search = (String) zoomed.get("search");
    Instant from = Instant.parse(parameter(search, "from"));
    Instant to = Instant.parse(parameter(search, "to"));
    assertThat(from).isAfter(CUTOFF.minus(10, ChronoUnit.DAYS));
    assertThat(to).isBefore(CUTOFF.plus(10, ChronoUnit.DAYS)).isAfter(from);
    assertPlottedEqualsApi(zoomed, "features", List.of("basket", "latency"));
    assertThat(map(results.get("reopened")).get("charts")).isEqualTo(zoomed.get("charts"));
  }

  @Test
  void aRangeWithoutDataSaysSo() {
    Map<String, Object> empty = map(results.get("empty"));
    assertThat(list(empty.get("charts"))).isEmpty();
    assertThat((String) empty.get("status")).startsWith("No Spc data for this entity between 2001-01-01T00:00:00Z");
  }

  @Test
  void theArchivePageListsEveryRunAndTheLagAndSendsTheApiKey() throws IOException {
    Map<String, Object> archive = map(results.get("archive"));
    List<Object> rows = list(archive.get("rows"));
    List<Object> runs = list(getJson("/scouter/archive/runs?limit=200").get("runs"));
    assertThat(rows).hasSize(runs.size()).hasSize(3);
    for (int i = 0; i < runs.size(); i++) {
      Map<String, Object> run = map(runs.get(i));
      List<Object> cells = list(rows.get(i));
      Object snapshot = run.containsKey("snapshot_id") ? run.get("snapshot_id") : run.get("snapshotId");
      assertThat(cells.subList(1, 5)).containsExactly(run.get("table"), "done", String.valueOf(run.get("rows")),
          String.valueOf(run.get("files")));
      assertThat(cells.get(8)).as("64-bit snapshot ids shown exactly").isEqualTo(String.valueOf(snapshot));
    }
    assertThat((String) archive.get("lag")).contains("within the threshold of 6.0 h");
    assertThat(results.get("authorization")).as("the key field's key").isEqualTo("Bearer e2e-key");
    assertThat(results.get("authorizationAfterReload")).as("kept across reloads").isEqualTo("Bearer e2e-key");
    for (String screenshot : List.of("drift-spc.png", "drift-psi.png", "drift-custom.png", "archive.png")) {
      assertThat(Files.size(OUT.resolve(screenshot))).as(screenshot).isGreaterThan(10_000);
    }
  }

  /** Every chart's columns equal the series of the API's answer to the very request the page made. */
  private static void assertPlottedEqualsApi(Map<String, Object> view, String seriesKey, List<String> names) {
    List<Object> urls = list(view.get("urls"));
    assertThat(urls).hasSize(1);
    Map<String, Object> answer = map(getJson((String) urls.get(0)).get(seriesKey));
    List<Object> charts = list(view.get("charts"));
    assertThat(charts).extracting(c -> map(c).get("name")).containsExactlyElementsOf(names);
    for (Object chart : charts) {
      String name = (String) map(chart).get("name");
      Map<String, Object> series = map(answer.get(name));
      List<Object> columns = list(map(chart).get("data"));
      List<Double> x = list(series.get("created_at")).stream()
          .map(t -> Instant.parse((String) t).toEpochMilli() / 1000.0).toList();
      assertThat(numbers(columns.get(0))).as(name + " times").isEqualTo(x).isNotEmpty();
      if (seriesKey.equals("metrics")) {
        List<Map<String, Object>> stats = list(series.get("stats")).stream().map(WebPagesBrowserTest::map).toList();
        assertThat(numbers(columns.get(1))).isEqualTo(stats.stream().map(s -> number(s.get("avg"))).toList());
        assertThat(numbers(columns.get(2))).isEqualTo(stats.stream().map(s -> number(s.get("lower_bound"))).toList());
        assertThat(numbers(columns.get(3))).isEqualTo(stats.stream().map(s -> number(s.get("upper_bound"))).toList());
      } else {
        Object values = series.containsKey("psi") ? series.get("psi") : series.get("values");
        assertThat(numbers(columns.get(1))).as(name + " values").isEqualTo(numbers(values));
      }
    }
  }

  private static Map<String, Object> browse(Instant from, Instant to) throws Exception {
    Files.createDirectories(OUT);
    Path log = OUT.resolve("browser.log");
    ProcessBuilder node = new ProcessBuilder("node", "e2e/pages.e2e.mjs").directory(WEB.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    node.environment().putAll(Map.of("BASE_URL", "http://localhost:" + APP.getLocalPort(),
        "OUT_DIR", OUT.toAbsolutePath().toString(), "ENTITY", ENTITY, "FROM", from.toString(), "TO", to.toString()));
    Process process = node.start();
    boolean finished = process.waitFor(3, TimeUnit.MINUTES);
    if (!finished) {
      process.destroyForcibly();
    }
    assertThat(finished && process.exitValue() == 0)
        .as("the browser script ran (needs Debian's chromium at /usr/bin/chromium); its output:\n%s",
            Files.readString(log)).isTrue();
    return map(new ObjectMapper().readValue(OUT.resolve("results.json").toFile(), Map.class));
  }

  /** Sixty days of data every six hours: half of it past the 30-day retention. */
  private static DriftRecords sixtyDays() {
    DriftRecords records = new DriftRecords();
    for (int step = 0; step < 60 * 4; step++) {
      Instant at = NOW.minus(6L * step, ChronoUnit.HOURS);
      records.spc(ENTITY, "basket", at, Math.sin(step / 9.0)).spc(ENTITY, "latency", at, 100 + step % 7);
      for (int bin = 0; bin < 4; bin++) {
        records.psi(ENTITY, "basket", at, bin, 10 + bin * (step % 5));
      }
      records.custom(ENTITY, "mae", at, 0.3 + step % 3 * 0.01).custom(ENTITY, "mae", at.plusSeconds(60), 0.32);
    }
    for (int step = 0; step < 5; step++) {
      records.spc("fraud/scorer/1.0.0", "amount", NOW.minus(step, ChronoUnit.HOURS), step);
    }
    return records;
  }

  private static String profile() {
    String bins = "[{\\\"id\\\":0,\\\"proportion\\\":0.25},{\\\"id\\\":1,\\\"proportion\\\":0.25},"
        + "{\\\"id\\\":2,\\\"proportion\\\":0.25},{\\\"id\\\":3,\\\"proportion\\\":0.25}]";
    return "{\"space\":\"shop\",\"drift_type\":\"Psi\",\"profile\":\"{\\\"config\\\":{\\\"space\\\":\\\"shop\\\","
        + "\\\"name\\\":\\\"checkout-model\\\",\\\"version\\\":\\\"2.1.0\\\"},\\\"features\\\":{\\\"basket\\\":"
        + "{\\\"bins\\\":" + bins + "}}}\"}";
  }

  private static void ingest(DriftRecords records) {
    ingest(records.body(), "/scouter/drift");
  }

  private static void ingest(String body, String path) {
    Response response = APP.client().target("http://localhost:" + APP.getLocalPort() + path).request()
        .post(Entity.entity(body, MediaType.APPLICATION_JSON_TYPE));
    assertThat(response.getStatus()).as(response.readEntity(String.class)).isEqualTo(200);
  }

  private static void deleteArchivedRowsFromPostgres() throws SQLException {
    try (Connection connection = TestDatabases.connect(DatabaseUri.parse(DATABASE).orElseThrow());
        Statement statement = connection.createStatement()) {
      for (DriftType type : DriftType.values()) {
        int deleted = statement.executeUpdate("DELETE FROM " + type.qualifiedTableName()
            + " WHERE scouter.is_archived('" + type.tableName() + "', created_at, ins_xid)");
        assertThat(deleted).as(type + " rows archived").isPositive();
      }
    }
  }

  private static Map<String, Object> getJson(String path) {
    return map(APP.client().target("http://localhost:" + APP.getLocalPort() + path).request().get(Map.class));
  }

  private static String parameter(String search, String name) {
    for (String pair : search.substring(1).split("&")) {
      if (pair.startsWith(name + "=")) {
        return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
      }
    }
    throw new AssertionError("No " + name + " in " + search);
  }

  private static List<Double> numbers(Object values) {
    return list(values).stream().map(WebPagesBrowserTest::number).toList();
  }

  private static Double number(Object value) {
    return ((Number) value).doubleValue();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object value) {
    return (List<Object>) value;
  }
}
