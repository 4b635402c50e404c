package io.scouter.archive.api.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.scouter.archive.api.ScouterArchiveApplication;
import io.scouter.archive.api.config.ScouterArchiveConfiguration;
import io.scouter.archive.catalog.testing.TemporaryDirectories;
import io.scouter.archive.api.testing.TestApiKeys;
import io.scouter.archive.catalog.testing.TestDatabases;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

// JSON bodies are read as raw Maps (readEntity(Map.class)), as a client without our types would.
@SuppressWarnings("unchecked")
class ArchiveHealthCheckTest {
  @SuppressWarnings("unchecked")
  private static Map<String, Object> archiveCheck(DropwizardAppExtension<ScouterArchiveConfiguration> app) {
    Response response = app.client().target("http://localhost:" + app.getAdminPort() + "/healthcheck").request().get();
    return (Map<String, Object>) response.readEntity(Map.class).get("archive");
  }

  @Nested
  @ExtendWith(DropwizardExtensionsSupport.class)
  class LocalStore {
    private static final DropwizardAppExtension<ScouterArchiveConfiguration> APP = new DropwizardAppExtension<>(
        ScouterArchiveApplication.class, ResourceHelpers.resourceFilePath("test-config.yml"),
        ConfigOverride.config("database.uri", TestDatabases.freshDatabaseUri("health_local")),
        ConfigOverride.config("storage.uri", temporaryDirectory()));

    @BeforeAll
    static void authenticate() {
      TestApiKeys.authenticate(APP);
    }

    @Test
    void catalogAndStoreAnswer() {
      assertThat(archiveCheck(APP))
          .containsEntry("healthy", true)
          .containsEntry("message", "Catalog scouter and its object store answer");
    }
  }

  @Nested
  @ExtendWith(DropwizardExtensionsSupport.class)
  class UnreachableStore {
    private static final DropwizardAppExtension<ScouterArchiveConfiguration> APP = new DropwizardAppExtension<>(
        ScouterArchiveApplication.class, ResourceHelpers.resourceFilePath("test-config.yml"),
        ConfigOverride.config("database.uri", TestDatabases.freshDatabaseUri("health_unreachable")),
        ConfigOverride.config("storage.uri", "s3://scouter-archive/warehouse"),
        ConfigOverride.config("storage.s3Endpoint", "http://127.0.0.1:" + closedPort()),
        ConfigOverride.config("storage.s3PathStyle", "true"));

    @BeforeAll
    static void authenticate() {
      TestApiKeys.authenticate(APP);
    }

    @BeforeAll
    static void credentials() {
      System.setProperty("aws.accessKeyId", "test");
      System.setProperty("aws.secretAccessKey", "test");
    }

    @AfterAll
    static void forgetCredentials() {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void makesTheArchiveUnhealthyWithTheStoresMessage() {
      Map<String, Object> check = archiveCheck(APP);
      assertThat(check).containsEntry("healthy", false);
      assertThat((String) check.get("message"))
          .startsWith("Cannot reach the archive: ")
          .contains("127.0.0.1");
    }

    @Test
    void ingestionIntoTheHotStoreKeepsWorking() {
      Response response = APP.client().target("http://localhost:" + APP.getLocalPort() + "/scouter/drift")
          .request().post(Entity.entity("{\"records\":[{\"Spc\":{\"created_at\":\"2025-01-01T00:00:00Z\","
              + "\"space\":\"s\",\"name\":\"n\",\"version\":\"v\",\"feature\":\"f\",\"value\":1}}]}",
              MediaType.APPLICATION_JSON_TYPE));
      assertThat(response.getStatus()).isEqualTo(200);
      assertThat(response.readEntity(Map.class)).containsEntry("inserted", 1);
    }
  }

  private static String temporaryDirectory() {
    return TemporaryDirectories.create("scouter-health-store-").toString();
  }

  /** A port nothing listens on: bound, then released. */
  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
