package io.scouter.archive.api.ingest;

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
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DropwizardExtensionsSupport.class)
// JSON bodies are read as raw Maps (readEntity(Map.class)), as a client without our types would.
@SuppressWarnings("unchecked")
class DriftIngestRouteTest {
  private static final String DATABASE = TestDatabases.freshDatabaseUri("ingest_route");
  private static final DropwizardAppExtension<ScouterArchiveConfiguration> APP = new DropwizardAppExtension<>(
      ScouterArchiveApplication.class,
      ResourceHelpers.resourceFilePath("test-config.yml"),
      ConfigOverride.config("database.uri", DATABASE),
      ConfigOverride.config("ingest.maxRequestSize", "2MiB"),
      ConfigOverride.config("storage.uri", () -> TemporaryDirectories.create("scouter-ingest-test-storage").toString()));

  @BeforeAll
  static void authenticate() {
    TestApiKeys.authenticate(APP);
  }

  private static Response post(String body) {
    return APP.client().target("http://localhost:" + APP.getLocalPort() + "/scouter/drift")
        .request(MediaType.APPLICATION_JSON_TYPE)
        .post(Entity.entity(body, MediaType.APPLICATION_JSON_TYPE));
  }

  private static String spc(String space, Instant at, String feature, double value) {
    return String.format("{\"Spc\":{\"created_at\":\"%s\",\"space\":\"%s\",\"name\":\"model\",\"version\":\"1.0.0\","
        + "\"feature\":\"%s\",\"value\":%s}}", at, space, feature, value);
  }

  private static String psi(String space, Instant at, String feature, int bin, int count) {
    return String.format("{\"Psi\":{\"created_at\":\"%s\",\"space\":\"%s\",\"name\":\"model\",\"version\":\"1.0.0\","
        + "\"feature\":\"%s\",\"bin_id\":%d,\"bin_count\":%d}}", at, space, feature, bin, count);
  }

  private static String custom(String space, Instant at, String metric, double value) {
    return String.format("{\"Custom\":{\"created_at\":\"%s\",\"space\":\"%s\",\"name\":\"model\",\"version\":\"1.0.0\","
        + "\"metric\":\"%s\",\"value\":%s}}", at, space, metric, value);
  }

  private static String body(List<String> records) {
    return "{\"records\":[" + String.join(",", records) + "]}";
  }

  private static long count(String table, String space) throws SQLException {
    try (Connection connection = TestDatabases.connect(DatabaseUri.parse(DATABASE).orElseThrow());
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(
            "SELECT count(*) FROM scouter." + table + " WHERE space = '" + space + "'")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static final String UTC_TIME = "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')";

  /** The stored rows of a space, each as its columns' text joined by '|', in created_at order. */
  private static List<String> stored(String table, String columns, String space) throws SQLException {
    try (Connection connection = TestDatabases.connect(DatabaseUri.parse(DATABASE).orElseThrow());
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT concat_ws('|', " + columns + ") FROM scouter." + table
            + " WHERE space = '" + space + "' ORDER BY created_at")) {
      List<String> stored = new java.util.ArrayList<>();
      while (rows.next()) {
        stored.add(rows.getString(1));
      }
      return stored;
    }
  }

  @Test
  void storesEveryKindIncludingMonthsOldRecords() throws SQLException {
    Instant old = Instant.now().minus(400, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    Response response = post(body(List.of(
        spc("kinds", old, "f1", 0.5), psi("kinds", old, "f1", 2, 10), custom("kinds", old, "mae", 1.25))));

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.readEntity(Map.class)).containsEntry("received", 3).containsEntry("inserted", 3);
    String at = old.toString();
    assertThat(stored("spc_drift", UTC_TIME + ", name, version, feature, value", "kinds"))
        .containsExactly(at + "|model|1.0.0|f1|0.5");
    assertThat(stored("observed_bin_count", UTC_TIME + ", name, version, feature, bin_id, bin_count",
        "kinds")).containsExactly(at + "|model|1.0.0|f1|2|10");
    assertThat(stored("custom_metric", UTC_TIME + ", name, version, metric, value", "kinds"))
        .containsExactly(at + "|model|1.0.0|mae|1.25");
  }

  @Test
  void reSentRecordsAreStoredOnce() throws SQLException {
    String body = body(List.of(spc("resend", Instant.parse("2025-04-01T12:00:00Z"), "f1", 1.0)));
    assertThat(post(body).readEntity(Map.class)).containsEntry("inserted", 1);
    assertThat(post(body).readEntity(Map.class)).containsEntry("received", 1).containsEntry("inserted", 0);
    assertThat(stored("spc_drift", UTC_TIME + ", feature, value", "resend"))
        .containsExactly("2025-04-01T12:00:00Z|f1|1");
  }

  @Test
  void tenThousandMixedRecordsInOneRequest() throws SQLException {
    List<String> records = new ArrayList<>();
    Instant start = Instant.parse("2025-03-01T00:00:00Z");
    for (int i = 0; i < 10_000; i++) {
      Instant at = start.plusSeconds(i);
      records.add(switch (i % 3) {
        case 0 -> spc("bulk", at, "f" + (i % 7), i * 0.5);
        case 1 -> psi("bulk", at, "f" + (i % 7), i % 10, i);
        default -> custom("bulk", at, "m" + (i % 5), -i);
      });
    }
    Response response = post(body(records));

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.readEntity(Map.class)).containsEntry("inserted", 10_000);
    assertThat(count("spc_drift", "bulk") + count("observed_bin_count", "bulk") + count("custom_metric", "bulk"))
        .isEqualTo(10_000);
  }

  @Test
  void oneInvalidRecordRejectsTheWholeBody() throws SQLException {
    Instant at = Instant.parse("2025-04-01T12:00:00Z");
    String invalid = "{\"Psi\":{\"created_at\":\"2025-04-01T12:00:00Z\",\"space\":\"whole\",\"name\":\"model\","
        + "\"version\":\"1.0.0\",\"feature\":\"f\",\"bin_id\":1,\"bin_count\":-1}}";
    Response response = post(body(List.of(spc("whole", at, "f1", 1.0), invalid)));

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(response.readEntity(Map.class))
        .containsEntry("code", "invalid_record")
        .containsEntry("record", 1)
        .containsEntry("field", "bin_count")
        .containsEntry("error", "Invalid record 1, field 'bin_count': must be a whole number from 0 to 2147483647");
    assertThat(count("spc_drift", "whole")).isZero();
  }

  @Test
  void malformedJsonIsA400() {
    Response response = post("{\"records\": [");
    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(response.readEntity(Map.class)).containsEntry("code", "malformed_json")
        .hasEntrySatisfying("error", message -> assertThat((String) message).startsWith("Malformed JSON at line 1"));
  }

  @Test
  void unknownRecordKindIsA400() {
    Response response = post("{\"records\": [{\"Kl\": {}}]}");
    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(response.readEntity(Map.class))
        .containsEntry("error", "Invalid record 0: unknown record kind 'Kl' (accepted: Spc, Psi, Custom)");
  }

  @Test
  void emptyBodyIsA400() {
    Response response = post("");
    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(response.readEntity(Map.class)).containsEntry("code", "invalid_body");
  }

  @Test
  void bodyOverTheLimitIsA413() throws Exception {
    List<String> records = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      records.add(spc("big", Instant.EPOCH.plusSeconds(i), "feature", i));
    }
    // As a careful client sends a large body: headers with "Expect: 100-continue" first, so the
    // 413 arrives before any of the body is written. A plain socket, because the JDK client on
    // Java 17 can wait forever for a "100" that a rejecting server never sends, and an upload
    // racing the server's early answer would make the test flaky.
    byte[] payload = body(records).getBytes(StandardCharsets.UTF_8);
    String head = "POST /scouter/drift HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
        + "Content-Type: application/json\r\nExpect: 100-continue\r\n"
        + "Authorization: " + TestApiKeys.bearer(TestApiKeys.INGEST) + "\r\n"
        + "Content-Length: " + payload.length + "\r\n\r\n";
    String response;
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), APP.getLocalPort())) {
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(response).startsWith("HTTP/1.1 413");
    assertThat(response).contains("\"code\":\"payload_too_large\"");
  }

  @Test
  void unknownRoutesAnswerInTheSameJsonShape() {
    Response response = APP.client().target("http://localhost:" + APP.getLocalPort() + "/scouter/nothing")
        .request().get();
    assertThat(response.getStatus()).isEqualTo(404);
    assertThat(response.readEntity(Map.class)).containsEntry("code", "not_found");
  }

  @Test
  void databaseHealthCheckIsHealthy() {
    Response response = APP.client().target("http://localhost:" + APP.getAdminPort() + "/healthcheck")
        .request().get();
    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.readEntity(String.class)).contains("\"database\"");
  }
}
