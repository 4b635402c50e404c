package io.scouter.archive.api.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.scouter.archive.api.ScouterArchiveApplication;
import io.scouter.archive.api.config.ScouterArchiveConfiguration;
import io.scouter.archive.api.testing.TestApiKeys;
import io.scouter.archive.catalog.testing.TestDatabases;
import io.scouter.archive.catalog.testing.TemporaryDirectories;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What an adversarial client sends: every case must get a 4xx with a JSON {"error", "code"} body,
 * never a 5xx; afterwards the service is healthy and the data stored before reads back unchanged.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class BadInputCorpusTest {
  private static final DropwizardAppExtension<ScouterArchiveConfiguration> APP = new DropwizardAppExtension<>(
      ScouterArchiveApplication.class, ResourceHelpers.resourceFilePath("test-config.yml"),
      ConfigOverride.config("database.uri", TestDatabases.freshDatabaseUri("bad_input_corpus")),
      ConfigOverride.config("ingest.maxRequestSize", "1MiB"),
      ConfigOverride.config("storage.uri", () -> TemporaryDirectories.create("scouter-corpus-test-storage-").toString()));
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant AT = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
  private static final String ENTITY = "space=corpus&name=n&version=v";
  private static final List<String> READS = List.of("/scouter/drift/spc?" + ENTITY,
      "/scouter/drift/custom?" + ENTITY, "/scouter/drift/psi?" + ENTITY,
      "/scouter/profile?" + ENTITY + "&drift_type=Psi", "/scouter/archive/runs");
  private static final Map<String, String> before = new LinkedHashMap<>();

  @BeforeAll
  static void storeKnownData() throws Exception {
    String records = Stream.of(
        record("Spc", "\"feature\":\"f\",\"value\":1.5"),
        record("Custom", "\"metric\":\"mae\",\"value\":2.5"),
        record("Psi", "\"feature\":\"f\",\"bin_id\":1,\"bin_count\":10")).reduce((a, b) -> a + "," + b).orElseThrow();
    assertThat(send("POST", app("/scouter/drift"), "{\"records\":[" + records + "]}", Map.of()).statusCode())
        .isEqualTo(200);
    String profile = "{\"config\":{\"space\":\"corpus\",\"name\":\"n\",\"version\":\"v\"},"
        + "\"features\":{\"f\":{\"bins\":[{\"id\":0,\"proportion\":0.0},{\"id\":1,\"proportion\":1.0}]}}}";
    assertThat(send("POST", app("/scouter/profile"), "{\"drift_type\":\"Psi\",\"profile\":"
        + JSON.writeValueAsString(profile) + "}", Map.of()).statusCode()).isEqualTo(200);
    for (String read : READS) {
      HttpResponse<String> response = send("GET", app(read), null, Map.of());
      assertThat(response.statusCode()).as(read).isEqualTo(200);
      before.put(read, response.body());
    }
  }

  private static String record(String kind, String fields) {
    return "{\"" + kind + "\":{\"created_at\":\"" + AT + "\",\"space\":\"corpus\",\"name\":\"n\",\"version\":\"v\","
        + fields + "}}";
  }

  private static String spc(String createdAt, String name, String value) {
    return "{\"records\":[{\"Spc\":{\"created_at\":\"" + createdAt + "\",\"space\":\"" + name + "\",\"name\":\""
        + name + "\",\"version\":\"" + name + "\",\"feature\":\"" + name + "\",\"value\":" + value + "}}]}";
  }

  private static URI app(String path) {
    return URI.create("http://localhost:" + APP.getLocalPort() + path);
  }

  private static URI admin(String path) {
    return URI.create("http://localhost:" + APP.getAdminPort() + path);
  }

  private static HttpResponse<String> send(String method, URI uri, String body, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
        .header("Authorization", TestApiKeys.bearer(TestApiKeys.ADMIN))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    headers.forEach(request::header);
    // A client per request: after some error answers Jetty closes the connection, and a pooled
    // connection reused just then fails with "received no bytes" instead of giving the answer.
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static Stream<Arguments> corpus() {
    String cjk = "\u6f22".repeat(512);
    String profileHead = "{\"drift_type\":\"Psi\",\"profile\":{\"config\":{\"space\":\"corpus\",\"name\":\"n\","
        + "\"version\":\"v\"},\"features\":{\"f\":{\"bins\":[{\"id\":0,\"proportion\":1}]}}";
    String ok = spc(AT.toString(), "x", "1");
    List<Arguments> cases = new ArrayList<>(List.of(
        Arguments.of("year 0000", "POST", "/scouter/drift", spc("0000-06-01T00:00:00Z", "x", "1"), Map.of()),
        Arguments.of("year -1", "POST", "/scouter/drift", spc("-0001-06-01T00:00:00Z", "x", "1"), Map.of()),
        Arguments.of("year 10000", "POST", "/scouter/drift", spc("+10000-01-01T00:00:00Z", "x", "1"), Map.of()),
        Arguments.of("year 10000 in UTC", "POST", "/scouter/drift", spc("9999-12-31T23:59:59-12:00", "x", "1"),
            Map.of()),
        Arguments.of("names over the key size in bytes", "POST", "/scouter/drift", spc(AT.toString(), cjk, "1"),
            Map.of()),
        Arguments.of("gzip header on a plain body", "POST", "/scouter/drift", ok, Map.of("Content-Encoding", "gzip")),
        Arguments.of("unknown content encoding", "POST", "/scouter/drift", ok, Map.of("Content-Encoding", "br")),
        Arguments.of("trailing data", "POST", "/scouter/drift", ok + ok, Map.of()),
        Arguments.of("trailing garbage", "POST", "/scouter/drift", ok + " x", Map.of()),
        Arguments.of("duplicate top-level key", "POST", "/scouter/drift", "{\"records\":[],\"records\":[]}",
            Map.of()),
        Arguments.of("duplicate field", "POST", "/scouter/drift",
            ok.replace("\"value\":1", "\"value\":1,\"value\":2"), Map.of()),
        Arguments.of("lone high surrogate", "POST", "/scouter/drift", spc(AT.toString(), "a\\ud800b", "1"), Map.of()),
        Arguments.of("lone low surrogate", "POST", "/scouter/drift", spc(AT.toString(), "\\udc00", "1"), Map.of()),
        Arguments.of("malformed JSON", "POST", "/scouter/drift", "{\"records\":[", Map.of()),
        Arguments.of("not JSON", "POST", "/scouter/drift", "records=1", Map.of()),
        Arguments.of("empty body", "POST", "/scouter/drift", "", Map.of()),
        Arguments.of("records not an array", "POST", "/scouter/drift", "{\"records\":\"x\"}", Map.of()),
        Arguments.of("value as a string", "POST", "/scouter/drift", spc(AT.toString(), "x", "\"1\""), Map.of()),
        Arguments.of("value NaN", "POST", "/scouter/drift", spc(AT.toString(), "x", "NaN"), Map.of()),
        Arguments.of("value 1e400", "POST", "/scouter/drift", spc(AT.toString(), "x", "1e400"), Map.of()),
        Arguments.of("body over the limit", "POST", "/scouter/drift",
            "{\"records\":[" + "1,".repeat(600_000) + "1]}", Map.of()),
        Arguments.of("deeply nested body", "POST", "/scouter/drift", "[".repeat(100_000), Map.of()),
        Arguments.of("profile over its limit", "POST", "/scouter/profile",
            profileHead + ",\"pad\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}}", Map.of()),
        Arguments.of("profile with a lone surrogate", "POST", "/scouter/profile",
            profileHead + ",\"note\":\"\\ud83d\"}}", Map.of()),
        Arguments.of("profile with duplicate keys", "POST", "/scouter/profile",
            profileHead + ",\"features\":{}}}", Map.of()),
        Arguments.of("profile trailing data", "POST", "/scouter/profile", profileHead + "}}{}", Map.of()),
        Arguments.of("max_data_points absurd", "GET", "/scouter/drift/spc?" + ENTITY + "&max_data_points=99999999999",
            null, Map.of()),
        Arguments.of("begin in year 0000", "GET", "/scouter/drift/spc?" + ENTITY
            + "&begin_custom_datetime=0000-01-01T00:00:00Z&end_custom_datetime=0000-02-01T00:00:00Z", null, Map.of()),
        Arguments.of("first bin would start in year 0000", "GET", "/scouter/drift/spc?" + ENTITY
            + "&begin_custom_datetime=0001-01-01T00:00:00Z&end_custom_datetime=0001-06-01T00:00:00Z"
            + "&max_data_points=1", null, Map.of()),
        Arguments.of("end past year 9999 in UTC", "GET", "/scouter/drift/psi?" + ENTITY
            + "&begin_custom_datetime=9999-12-01T00:00:00Z&end_custom_datetime=9999-12-31T23:59:59-12:00", null,
            Map.of()),
        Arguments.of("unknown interval", "GET", "/scouter/drift/custom?" + ENTITY + "&time_interval=Forever", null,
            Map.of()),
        Arguments.of("repeated space", "GET", "/scouter/drift/spc?" + ENTITY + "&space=other", null, Map.of()),
        Arguments.of("limit negative", "GET", "/scouter/archive/runs?limit=-1", null, Map.of()),
        Arguments.of("limit huge", "GET", "/scouter/archive/runs?limit=99999999999999999999", null, Map.of()),
        Arguments.of("unknown route", "GET", "/scouter/nothing", null, Map.of()),
        Arguments.of("unknown admin path", "GET", "admin:/nothing", null, Map.of()),
        Arguments.of("unknown admin task", "POST", "admin:/tasks/nothing", "", Map.of()),
        Arguments.of("GET of an admin task", "GET", "admin:/tasks/gc", null, Map.of())));
    for (String route : List.of("/scouter/drift", "/scouter/drift/spc", "/scouter/drift/psi", "/scouter/drift/custom",
        "/scouter/profile", "/scouter/archive/runs")) {
      for (String method : List.of("PUT", "DELETE", "PATCH", "TRACE", "GET", "POST")) {
        boolean served = (method.equals("POST") && (route.equals("/scouter/drift") || route.equals("/scouter/profile")))
            || (method.equals("GET") && !route.equals("/scouter/drift"));
        if (!served) {
          cases.add(Arguments.of(method + " " + route, method, route, method.equals("TRACE") ? null : "{}",
              Map.of()));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void getsAJsonClientError(String name, String method, String path, String body, Map<String, String> headers)
      throws Exception {
    URI uri = path.startsWith("admin:") ? admin(path.substring("admin:".length())) : app(path);
    HttpResponse<String> response = send(method, uri, body, headers);
    assertJsonClientError(name, response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
        response.body());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jettyLevel")
  void jettyLevelErrorsAreJsonToo(String name, String head, boolean adminPort) throws Exception {
    RawHttp response = RawHttp.exchange(adminPort ? APP.getAdminPort() : APP.getLocalPort(), head);
    assertJsonClientError(name, response.status(), response.contentType(), response.body());
  }

  static Stream<Arguments> jettyLevel() {
    return Stream.of(
        Arguments.of("bad URI escape", "GET /scouter/%zz HTTP/1.1\r\n", false),
        Arguments.of("URI too long", "GET /scouter/drift/spc?space=" + "s".repeat(70_000) + " HTTP/1.1\r\n", false),
        Arguments.of("header too large", "GET /scouter/archive/runs HTTP/1.1\r\nX-Big: " + "b".repeat(70_000)
            + "\r\n", false),
        Arguments.of("TRACE", "TRACE /scouter/archive/runs HTTP/1.1\r\n", false),
        Arguments.of("admin bad URI escape", "GET /%zz HTTP/1.1\r\n", true),
        Arguments.of("admin TRACE", "TRACE /healthcheck HTTP/1.1\r\n", true));
  }

  private static void assertJsonClientError(String name, int status, String contentType, String body)
      throws Exception {
    assertThat(status).as(name + ": status of " + body).isBetween(400, 499);
    assertThat(contentType).as(name + ": content type of " + body).startsWith("application/json");
    JsonNode error = JSON.readTree(body);
    assertThat(error.path("error").isTextual()).as(name + ": " + body).isTrue();
    assertThat(error.path("code").isTextual()).as(name + ": " + body).isTrue();
  }

  @Test
  void aRetriedBatchWithABadRecordStoresNothingAndNamesTheRecord() throws Exception {
    String batch = "{\"records\":[" + record("Spc", "\"feature\":\"g\",\"value\":1") + ","
        + record("Spc", "\"feature\":\"g\",\"value\":2").replace(AT.toString(), "9999-12-31T23:59:59-12:00") + "]}";
    HttpResponse<String> response = send("POST", app("/scouter/drift"), batch, Map.of());
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).path("record").asInt()).isEqualTo(1);
  }

  @AfterAll
  static void serviceIsHealthyAndEarlierDataUnchanged() throws Exception {
    HttpResponse<String> health = send("GET", admin("/healthcheck"), null, Map.of());
    assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
    for (Map.Entry<String, String> read : before.entrySet()) {
      assertThat(send("GET", app(read.getKey()), null, Map.of()).body()).as(read.getKey()).isEqualTo(read.getValue());
    }
  }
}
