package io.scouter.archive.api.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.scouter.archive.api.ScouterArchiveApplication;
import io.scouter.archive.api.config.ScouterArchiveConfiguration;
import io.scouter.archive.api.testing.ArchiveBench;
import io.scouter.archive.api.testing.TestApiKeys;
import io.scouter.archive.catalog.drift.DriftRecord;
import io.scouter.archive.catalog.settings.DatabaseUri;
import io.scouter.archive.catalog.testing.TemporaryDirectories;
import io.scouter.archive.catalog.testing.TestDatabases;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The drift routes over HTTP on the real service, for one entity over [T0, T0+4h). The rows of
 * [T0, T0+1h) and one row at T0+1h are archived, then deleted from PostgreSQL, so only Iceberg can
 * answer for them; the rest arrives after the archive run (late arrivals under its cutoff, hot). The
 * hour bin [T0+1h, T0+2h) therefore merges one archived and one hot row.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class DriftRoutesTest {
  private static final String DATABASE = TestDatabases.freshDatabaseUri("drift_routes");
  private static final Path WAREHOUSE = temporaryDirectory();
  private static final DropwizardAppExtension<ScouterArchiveConfiguration> APP = new DropwizardAppExtension<>(
      ScouterArchiveApplication.class, ResourceHelpers.resourceFilePath("test-config.yml"),
      ConfigOverride.config("database.uri", DATABASE), ConfigOverride.config("storage.uri", WAREHOUSE.toString()));

  @BeforeAll
  static void authenticate() {
    TestApiKeys.authenticate(APP);
  }
  private static final Instant T0 = Instant.parse("2026-02-01T00:00:00Z");
  private static final String SPACE = "sp'ace; %_ü";
  private static final String FOUR_HOURS = "begin_custom_datetime=2026-02-01T00:00:00Z"
      + "&end_custom_datetime=2026-02-01T04:00:00Z&max_data_points=4";

  private static Path temporaryDirectory() {
    return TemporaryDirectories.create("scouter-drift-routes-");
  }

  @BeforeAll
  static void load() throws Exception {
    try (ArchiveBench bench = new ArchiveBench(DatabaseUri.parse(DATABASE).orElseThrow(), WAREHOUSE)) {
      bench.insert(records(new double[][] {{10, 1}, {20, 2}, {30, 3}, {3600 + 10, 10}}));
      // PSI: the hour bin at T0+1h holds 30 of bin 0 (archived) and 10 of bin 1 (hot).
      bench.insert(List.of(new DriftRecord.Psi(T0.plusSeconds(3600 + 10), SPACE, "model", "v1", "f1", 0, 30)));
      bench.archiveBefore(T0.plus(Duration.ofDays(1)));
      assertThat(bench.deleteArchivedRows()).isEqualTo(9);

      bench.insert(records(new double[][] {{3600 + 3000, 20}, {3 * 3600 + 5, 7}}));
      bench.insert(List.of(new DriftRecord.Psi(T0.plusSeconds(3600 + 3000), SPACE, "model", "v1", "f1", 1, 10),
          new DriftRecord.Psi(T0.plusSeconds(3 * 3600 + 5), SPACE, "model", "v1", "f1", 0, 10),
          new DriftRecord.Psi(T0.plusSeconds(3 * 3600 + 6), SPACE, "model", "v1", "f1", 1, 10)));
    }
  }

  /** An SPC and a custom record per (seconds after T0, value). */
  private static List<DriftRecord> records(double[][] valuesAt) {
    List<DriftRecord> records = new ArrayList<>();
    for (double[] row : valuesAt) {
      Instant at = T0.plusSeconds((long) row[0]);
      records.add(new DriftRecord.Spc(at, SPACE, "model", "v1", "f1", row[1]));
      records.add(new DriftRecord.Custom(at, SPACE, "model", "v1", "mae", row[1]));
    }
    return records;
  }

  private static long hotRows(String table, String condition) throws Exception {
    try (Connection connection = TestDatabases.connect(DatabaseUri.parse(DATABASE).orElseThrow());
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM scouter." + table + " WHERE " + condition)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  static Response get(String route, String query, MediaType accept) {
    String entity = "space=" + encode(SPACE) + "&name=model&version=v1";
    URI uri = URI.create("http://localhost:" + APP.getLocalPort() + "/scouter/" + route + "?" + entity
        + (query.isEmpty() ? "" : "&" + query));
    return APP.client().target(uri).request(accept).get();
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> json(String route, String query) {
    Response response = get(route, query, MediaType.APPLICATION_JSON_TYPE);
    assertThat(response.getStatus()).as(route + "?" + query).isEqualTo(200);
    return body(response);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> series(Map<String, Object> body, String group, String name) {
    return (Map<String, Object>) ((Map<String, Object>) body.get(group)).get(name);
  }

  /**
   * The rows of [T0, T0+1h) are gone from PostgreSQL: a route that read that window from
   * PostgreSQL (ignoring the watermark or the Iceberg tables) answers with no bin and fails here.
   */
  @Test
  @SuppressWarnings("unchecked")
  void anArchivedWindowIsServedFromIcebergWithItsRowsGoneFromPostgres() throws Exception {
    String firstHour = "begin_custom_datetime=2026-02-01T00:00:00Z&end_custom_datetime=2026-02-01T01:00:00Z"
        + "&max_data_points=1";
    String inFirstHour = "created_at < '2026-02-01T01:00:00Z'";
    assertThat(hotRows("spc_drift", inFirstHour) + hotRows("custom_metric", inFirstHour)).isZero();

    Map<String, Object> body = json("drift/spc", firstHour);
    assertThat((Map<String, Object>) body.get("features")).as("series answered from Iceberg").containsKey("f1");
    Map<String, Object> spc = series(body, "features", "f1");
    assertThat(spc.get("created_at")).isEqualTo(List.of("2026-02-01T00:00:00Z"));
    assertThat(spc.get("values")).isEqualTo(List.of(2.0));
    List<Map<String, Double>> stats = (List<Map<String, Double>>) series(json("drift/custom", firstHour),
        "metrics", "mae").get("stats");
    assertThat(stats).containsExactly(Map.of("avg", 2.0, "lower_bound", 1.0, "upper_bound", 3.0));
  }

  @Test
  void spcOnArchivedHotAndStraddlingWindows() throws Exception {
    // The straddling bin's archived row is only in Iceberg, its late row only in PostgreSQL.
    assertThat(hotRows("spc_drift", "created_at = '2026-02-01T01:00:10Z'")).isZero();
    assertThat(hotRows("spc_drift", "created_at = '2026-02-01T01:50:00Z'")).isEqualTo(1);
    Map<String, Object> all = series(json("drift/spc", FOUR_HOURS), "features", "f1");
    assertThat(all.get("created_at")).isEqualTo(List.of("2026-02-01T00:00:00Z", "2026-02-01T01:00:00Z",
        "2026-02-01T03:00:00Z"));
    assertThat(all.get("values")).isEqualTo(List.of(2.0, 15.0, 7.0));

    Map<String, Object> straddling = series(json("drift/spc", "begin_custom_datetime=2026-02-01T01:00:00Z"
        + "&end_custom_datetime=2026-02-01T02:00:00Z&max_data_points=1"), "features", "f1");
    assertThat(straddling.get("values")).isEqualTo(List.of(15.0));

    Map<String, Object> hotOnly = series(json("drift/spc", "begin_custom_datetime=2026-02-01T03:00:00Z"
        + "&end_custom_datetime=2026-02-01T04:00:00Z&max_data_points=1"), "features", "f1");
    assertThat(hotOnly.get("created_at")).isEqualTo(List.of("2026-02-01T03:00:00Z"));
    assertThat(hotOnly.get("values")).isEqualTo(List.of(7.0));
  }

  @Test
  @SuppressWarnings("unchecked")
  void customStatsUseTheSampleStandardDeviation() {
    Map<String, Object> mae = series(json("drift/custom", FOUR_HOURS), "metrics", "mae");
    assertThat(mae.get("metric")).isEqualTo("mae");
    List<Map<String, Double>> stats = (List<Map<String, Double>>) mae.get("stats");
    assertThat(stats.get(0)).containsEntry("avg", 2.0).containsEntry("lower_bound", 1.0)
        .containsEntry("upper_bound", 3.0);
    // The straddling bin: 10 (archived) and 20 (hot): mean 15, sd = sqrt(50).
    assertThat(stats.get(1).get("avg")).isEqualTo(15.0);
    assertThat(stats.get(1).get("lower_bound")).isCloseTo(15 - Math.sqrt(50), within(1e-12));
    assertThat(stats.get(1).get("upper_bound")).isCloseTo(15 + Math.sqrt(50), within(1e-12));
    assertThat(stats.get(2)).containsEntry("avg", 7.0).containsEntry("lower_bound", 7.0);
  }

  private static void registerPsiProfile() {
    String profile = "{\"config\":{\"space\":\"" + SPACE + "\",\"name\":\"model\",\"version\":\"v1\"},"
        + "\"features\":{\"f1\":{\"id\":\"f1\",\"bins\":[{\"id\":0,\"lower_limit\":null,\"proportion\":0.5},"
        + "{\"id\":1,\"proportion\":0.5}]}}}";
    String body = "{\"space\":\"" + SPACE + "\",\"drift_type\":\"Psi\",\"profile\":"
        + io.dropwizard.jackson.Jackson.newObjectMapper().valueToTree(profile) + "}";
    Response response = APP.client().target("http://localhost:" + APP.getLocalPort() + "/scouter/profile")
        .request().post(Entity.entity(body, MediaType.APPLICATION_JSON_TYPE));
    assertThat(response.getStatus()).isEqualTo(200);
  }

  @Test
  @SuppressWarnings("unchecked")
  void psiAgainstAHandComputedExample() {
    registerPsiProfile();
    Map<String, Object> f1 = series(json("drift/psi", FOUR_HOURS), "features", "f1");
    assertThat(f1.get("created_at")).isEqualTo(List.of("2026-02-01T01:00:00Z", "2026-02-01T03:00:00Z"));
    List<Double> psi = (List<Double>) f1.get("psi");
    // Bin at T0+1h: observed 30/40 and 10/40 against 1/2 and 1/2 (the 1e-10 terms are below 1e-9).
    assertThat(psi.get(0)).isCloseTo(0.25 * Math.log(1.5) + 0.25 * Math.log(2), within(1e-9));
    assertThat(psi.get(1)).isCloseTo(0.0, within(1e-9));
    // Over the window: 40/60 and 20/60.
    assertThat((Double) f1.get("overall_psi"))
        .isCloseTo((1.0 / 6) * Math.log(4.0 / 3) + (1.0 / 6) * Math.log(3.0 / 2), within(1e-9));
    Map<String, Double> bins = (Map<String, Double>) f1.get("bins");
    assertThat(bins.get("0")).isCloseTo(2.0 / 3, within(1e-15));
    assertThat(bins.get("1")).isCloseTo(1.0 / 3, within(1e-15));
  }

  @Test
  void psiWithoutAProfileIsA404() {
    URI uri = URI.create("http://localhost:" + APP.getLocalPort() + "/scouter/drift/psi?space=nobody&name=m"
        + "&version=1&" + FOUR_HOURS);
    Response response = APP.client().target(uri).request().get();
    assertThat(response.getStatus()).isEqualTo(404);
    assertThat(body(response)).containsEntry("code", "not_found").containsEntry("error",
        "No PSI reference profile for space 'nobody', name 'm', version '1': register one with POST /scouter/profile");
  }

  @Test
  void anUnknownEntityGetsEmptyResults() {
    URI uri = URI.create("http://localhost:" + APP.getLocalPort() + "/scouter/drift/spc?space=%25&name=_"
        + "&version=1&" + FOUR_HOURS);
    Response response = APP.client().target(uri).request().get();
    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.readEntity(String.class)).isEqualTo("{\"features\":{}}");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "space=&name=m&version=1|space|Invalid space: '' (accepted: a non-empty name)",
      "name=m&version=1|space|Invalid space: missing (accepted: a non-empty name)",
      "space=s&name=m|version|Invalid version: missing (accepted: a non-empty name)",
      "space=s&name=m&version=1&time_interval=Weekly|time_interval|Invalid time_interval: 'Weekly' (accepted: one of "
          + "FiveMinutes, FifteenMinutes, ThirtyMinutes, OneHour, ThreeHours, SixHours, TwelveHours, TwentyFourHours, "
          + "TwoDays, FiveDays)",
      "space=s&name=m&version=1&max_data_points=abc|max_data_points|Invalid max_data_points: 'abc' (accepted: a whole "
          + "number from 1 to 1000)",
      "space=s&name=m&version=1&max_data_points=0|max_data_points|Invalid max_data_points: '0' (accepted: a whole "
          + "number from 1 to 1000)",
      "space=s&name=m&version=1&max_data_points=1001|max_data_points|Invalid max_data_points: '1001' (accepted: a "
          + "whole number from 1 to 1000)",
      "space=s&name=m&version=1&drift_type=Psi|drift_type|Invalid drift_type: 'Psi' (accepted: Spc on this route)",
      "space=s&name=m&version=1&drift_type=Nope|drift_type|Invalid drift_type: 'Nope' (accepted: Spc on this route)",
      "space=s&name=m&version=1&begin_custom_datetime=2026-01-01T00:00:00Z|end_custom_datetime|Invalid "
          + "end_custom_datetime: missing while begin_custom_datetime is given (accepted: both custom datetimes, or "
          + "neither)",
      "space=s&name=m&version=1&begin_custom_datetime=2026-01-02T00:00:00Z&end_custom_datetime=2026-01-01T00:00:00Z"
          + "|begin_custom_datetime|Invalid begin_custom_datetime: 2026-01-02T00:00:00Z is not before "
          + "end_custom_datetime 2026-01-01T00:00:00Z",
      "space=s&name=m&version=1&begin_custom_datetime=yesterday&end_custom_datetime=2026-01-01T00:00:00Z"
          + "|begin_custom_datetime|Invalid begin_custom_datetime: 'yesterday' (accepted: an RFC 3339 timestamp with a "
          + "zone, e.g. 2025-04-01T12:00:00Z)",
      "space=s&name=m&version=1&begin_custom_datetime=2024-01-01T00:00:00Z&end_custom_datetime=2026-01-01T00:00:00Z"
          + "|end_custom_datetime|Invalid end_custom_datetime: the window from 2024-01-01T00:00:00Z to "
          + "2026-01-01T00:00:00Z is longer than 366 days (accepted: at most 366 days after begin_custom_datetime)",
      "space=s&space=t&name=m&version=1|space|Invalid space: given 2 times (accepted: once)"})
  void invalidParametersAreNamed(String query, String parameter, String message) {
    URI uri = URI.create("http://localhost:" + APP.getLocalPort() + "/scouter/drift/spc?" + query);
    Response response = APP.client().target(uri).request().get();
    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(body(response)).containsEntry("code", "invalid_parameter")
        .containsEntry("parameter", parameter).containsEntry("error", message);
  }

  @Test
  @SuppressWarnings("unchecked")
  void arrowStreamsDecodeToTheJsonNumbers() throws Exception {
    registerPsiProfile();
    MediaType arrow = MediaType.valueOf(ArrowResults.MEDIA_TYPE);
    Map<String, Object> spcJson = series(json("drift/spc", FOUR_HOURS), "features", "f1");
    List<Map<String, Object>> spcRows = arrowRows(get("drift/spc", FOUR_HOURS, arrow));
    assertThat(spcRows).extracting(row -> row.get("series")).containsOnly("f1");
    assertThat(spcRows).extracting(row -> row.get("bin_start").toString())
        .isEqualTo(((List<String>) spcJson.get("created_at")).stream()
            .map(text -> Long.toString(Instant.parse(text).toEpochMilli() * 1000)).collect(Collectors.toList()));
    assertThat(spcRows).extracting(row -> row.get("value")).isEqualTo(spcJson.get("values"));

    Map<String, Object> customJson = series(json("drift/custom", FOUR_HOURS), "metrics", "mae");
    List<Map<String, Object>> customRows = arrowRows(get("drift/custom", FOUR_HOURS, arrow));
    List<Map<String, Double>> stats = (List<Map<String, Double>>) customJson.get("stats");
    for (int i = 0; i < stats.size(); i++) {
      assertThat(customRows.get(i)).containsEntry("avg", stats.get(i).get("avg"))
          .containsEntry("lower_bound", stats.get(i).get("lower_bound"))
          .containsEntry("upper_bound", stats.get(i).get("upper_bound"));
    }

    Map<String, Object> psiJson = series(json("drift/psi", FOUR_HOURS), "features", "f1");
    List<Map<String, Object>> psiRows = arrowRows(get("drift/psi", FOUR_HOURS, arrow));
    assertThat(psiRows).extracting(row -> row.get("psi")).isEqualTo(psiJson.get("psi"));
    assertThat(psiRows).extracting(row -> row.get("overall_psi")).containsOnly(psiJson.get("overall_psi"));
    assertThat(psiRows.get(0).get("bins")).isEqualTo(psiJson.get("bins"));
  }

  /** Every row of the stream as column name to value; a map column as bin id text to proportion. */
  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> arrowRows(Response response) throws Exception {
    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.getMediaType().toString()).isEqualTo(ArrowResults.MEDIA_TYPE);
    List<Map<String, Object>> rows = new ArrayList<>();
    try (RootAllocator allocator = new RootAllocator();
        InputStream in = response.readEntity(InputStream.class);
        ArrowStreamReader reader = new ArrowStreamReader(in, allocator)) {
      VectorSchemaRoot root = reader.getVectorSchemaRoot();
      while (reader.loadNextBatch()) {
        for (int row = 0; row < root.getRowCount(); row++) {
          Map<String, Object> values = new LinkedHashMap<>();
          for (var vector : root.getFieldVectors()) {
            Object value = vector.getObject(row);
            if (vector instanceof MapVector) {
              Map<String, Double> bins = new LinkedHashMap<>();
              ((List<Map<String, Object>>) value).forEach(entry ->
                  bins.put(entry.get("key").toString(), (Double) entry.get("value")));
              value = bins;
            } else if (value != null && !(value instanceof Double)) {
              value = value.toString();
            }
            values.put(vector.getName(), value);
          }
          rows.add(values);
        }
      }
    }
    return rows;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> body(Response response) {
    return response.readEntity(Map.class);
  }
}
