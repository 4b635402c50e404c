package io.scouter.archive.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

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
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Who may call what: every route of both ports against no key, a wrong key and each role's key. */
class ApiKeyAuthTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RECORD = "{\"records\":[{\"Spc\":{\"created_at\":\"2025-01-01T00:00:00Z\","
      + "\"space\":\"auth\",\"name\":\"n\",\"version\":\"v\",\"feature\":\"f\",\"value\":1}}]}";
  private static final String PROFILE = "{\"space\":\"auth\",\"drift_type\":\"Spc\",\"profile\":"
      + "\"{\\\"config\\\":{\\\"space\\\":\\\"auth\\\",\\\"name\\\":\\\"n\\\",\\\"version\\\":\\\"v\\\"}}\"}";

  private static Response call(DropwizardAppExtension<ScouterArchiveConfiguration> app, String method, String url,
      String key) {
    Invocation.Builder request = app.client().target(url).request();
    // Every caller reads the entity (or uses status()), which releases the pooled connection.
    if (key != null) {
      request = request.header(HttpHeaders.AUTHORIZATION, TestApiKeys.bearer(key));
    }
    return method.equals("GET") ? request.get()
        : request.method(method, Entity.entity(method.equals("POST") && url.endsWith("/drift") ? RECORD
            : url.endsWith("/profile") ? PROFILE : "", MediaType.APPLICATION_JSON_TYPE));
  }

  private static int status(Response response) {
    response.readEntity(String.class);
    return response.getStatus();
  }

  private static String key(String role) {
    return switch (role) {
      case "none" -> null;
      case "wrong" -> "not-a-key-of-this-service-000000";
      case "read" -> TestApiKeys.READ;
      case "ingest" -> TestApiKeys.INGEST;
      case "admin" -> TestApiKeys.ADMIN;
      default -> throw new IllegalArgumentException(role);
    };
  }

  @Nested
  @ExtendWith(DropwizardExtensionsSupport.class)
  class KeysRequired {
    private static final DropwizardAppExtension<ScouterArchiveConfiguration> APP = new DropwizardAppExtension<>(
        ScouterArchiveApplication.class, ResourceHelpers.resourceFilePath("test-config.yml"),
        ConfigOverride.config("database.uri", TestDatabases.freshDatabaseUri("auth_keys")),
        ConfigOverride.config("storage.uri", () -> TemporaryDirectories.create("scouter-auth-test-storage-").toString()));

    private String url(String port, String path) {
      return "http://localhost:" + (port.equals("admin") ? APP.getAdminPort() : APP.getLocalPort()) + path;
    }

    @ParameterizedTest(name = "{0} {1}{2} with key {3} -> {4}")
    @CsvSource({
        "POST, app, /scouter/drift, none, 401",
        "POST, app, /scouter/drift, wrong, 401",
        "POST, app, /scouter/drift, read, 403",
        "POST, app, /scouter/drift, ingest, 200",
        "POST, app, /scouter/drift, admin, 200",
        "POST, app, /scouter/profile, none, 401",
        "POST, app, /scouter/profile, read, 403",
        "POST, app, /scouter/profile, ingest, 403",
        "POST, app, /scouter/profile, admin, 200",
        "GET, app, /scouter/archive/runs, none, 401",
        "GET, app, /scouter/archive/runs, ingest, 403",
        "GET, app, /scouter/archive/runs, read, 200",
        "GET, app, /scouter/archive/runs, admin, 200",
        "GET, app, /scouter/drift/spc?space=s&name=n&version=v, none, 401",
        "GET, app, /scouter/drift/spc?space=s&name=n&version=v, read, 200",
        "GET, app, /scouter/profile?space=s&name=n&version=v&drift_type=Psi, ingest, 403",
        "GET, app, /scouter/profile?space=s&name=n&version=v&drift_type=Psi, read, 404",
        "POST, admin, /tasks/gc, none, 401",
        "POST, admin, /tasks/gc, read, 403",
        "POST, admin, /tasks/gc, ingest, 403",
        "POST, admin, /tasks/gc, admin, 200",
        "POST, admin, /tasks/log-level, none, 401",
        "POST, admin, /tasks/archive, ingest, 403",
        "GET, admin, /metrics, none, 401",
        "GET, admin, /metrics, read, 403",
        "GET, admin, /metrics, admin, 200",
        "GET, admin, /threads, none, 401",
        "GET, admin, /pprof, none, 401",
        "GET, admin, /, none, 401",
        "GET, admin, /healthcheck, none, 200",
        "GET, admin, /ping, none, 200",
    })
    void eachRouteNeedsItsRole(String method, String port, String path, String role, int status) throws Exception {
      Response response = call(APP, method, url(port, path), key(role));
      String text = response.readEntity(String.class); // reading releases the pooled connection
      assertThat(response.getStatus()).isEqualTo(status);
      if (status == 401 || status == 403) {
        assertThat(response.getMediaType().toString()).startsWith(MediaType.APPLICATION_JSON);
        Map<?, ?> body = JSON.readValue(text, Map.class);
        assertThat(body.get("code")).isEqualTo(status == 401 ? "unauthorized" : "forbidden");
        assertThat((String) body.get("error"))
            .contains(status == 401 ? "Authorization: Bearer" : "API key 'test-" + role + "'");
      }
      if (status == 401) {
        assertThat(response.getHeaderString(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
      }
    }

    @Test
    void aKeyInTheQueryStringIsNotAccepted() {
      assertThat(status(call(APP, "GET", url("app", "/scouter/archive/runs?access_token=" + TestApiKeys.ADMIN),
          null))).isEqualTo(401);
    }

    @Test
    void theHealthcheckNamesChecksButNoKeyOrPassword() {
      String body = call(APP, "GET", url("admin", "/healthcheck"), null).readEntity(String.class);
      assertThat(body).contains("\"database\"").doesNotContain(TestApiKeys.ADMIN).doesNotContainIgnoringCase("password");
    }
  }

  @Nested
  @ExtendWith(DropwizardExtensionsSupport.class)
  class OpenReads {
    private static final DropwizardAppExtension<ScouterArchiveConfiguration> APP = new DropwizardAppExtension<>(
        ScouterArchiveApplication.class, ResourceHelpers.resourceFilePath("test-config.yml"),
        ConfigOverride.config("database.uri", TestDatabases.freshDatabaseUri("auth_open_reads")),
        ConfigOverride.config("auth.reads", "open"),
        ConfigOverride.config("storage.uri", () -> TemporaryDirectories.create("scouter-auth-test-storage-").toString()));

    @Test
    void readsNeedNoKeyButWritesAndAdminStillDo() {
      String app = "http://localhost:" + APP.getLocalPort();
      assertThat(status(call(APP, "GET", app + "/scouter/archive/runs", null))).isEqualTo(200);
      assertThat(status(call(APP, "GET", app + "/scouter/drift/spc?space=s&name=n&version=v", null)))
          .isEqualTo(200);
      assertThat(status(call(APP, "POST", app + "/scouter/drift", null))).isEqualTo(401);
      assertThat(status(call(APP, "POST", app + "/scouter/profile", TestApiKeys.READ))).isEqualTo(403);
      assertThat(status(call(APP, "POST", "http://localhost:" + APP.getAdminPort() + "/tasks/gc", null)))
          .isEqualTo(401);
    }
  }
}
