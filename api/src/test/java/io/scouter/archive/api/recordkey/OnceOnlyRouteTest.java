package io.scouter.archive.api.recordkey;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.scouter.archive.api.ScouterArchiveApplication;
import io.scouter.archive.api.config.ScouterArchiveConfiguration;
import io.scouter.archive.api.testing.TestApiKeys;
import io.scouter.archive.catalog.settings.DatabaseUri;
import io.scouter.archive.catalog.testing.TestDatabases;
import io.scouter.archive.catalog.testing.TemporaryDirectories;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.glassfish.jersey.client.ClientProperties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The service as assembled: POST /scouter/drift counts a record re-sent after its row left PostgreSQL as not inserted. */
@ExtendWith(DropwizardExtensionsSupport.class)
class OnceOnlyRouteTest {
  private static final String DATABASE = TestDatabases.freshDatabaseUri("once_route");
  private static final DropwizardAppExtension<ScouterArchiveConfiguration> APP = new DropwizardAppExtension<>(
      ScouterArchiveApplication.class, ResourceHelpers.resourceFilePath("test-config.yml"),
      ConfigOverride.config("database.uri", DATABASE),
      ConfigOverride.config("archive.retentionGrace", "1d"),
      ConfigOverride.config("storage.uri", () -> temporaryDirectory()));

  @BeforeAll
  static void authenticate() {
    TestApiKeys.authenticate(APP);
  }
  /** The first archive pass creates the tables; on a loaded CI machine that outlasts the client's default. */
  private static final int PATIENCE_MILLIS = 120_000;
  private static final Instant OLD = Instant.now().minus(100, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS);
  private static final Instant RECENT = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

  private static String temporaryDirectory() {
    return TemporaryDirectories.create("scouter-once-route-").toString();
  }

  @Test
  void reSendingAfterArchiveAndDeletionCountsOnlyNewRecords() throws Exception {
    List<String> old = records(OLD, "f", 30);
    assertThat(inserted(old)).isEqualTo(30);
    Response pass = APP.client().target("http://localhost:" + APP.getAdminPort() + "/tasks/archive")
        .property(ClientProperties.READ_TIMEOUT, PATIENCE_MILLIS).request()
        .post(Entity.text(""));
    assertThat(pass.getStatus()).isEqualTo(200);
    try (Connection connection = TestDatabases.connect(DatabaseUri.parse(DATABASE).orElseThrow());
        Statement statement = connection.createStatement()) {
      assertThat(statement.executeUpdate("DELETE FROM scouter.spc_drift "
          + "WHERE scouter.is_archived('spc_drift', created_at, ins_xid)")).as("the deletion's rule, now").isEqualTo(30);
    }

    assertThat(inserted(old)).as("the same body again").isZero();
    List<String> mix = new ArrayList<>(old.subList(0, 10));
    mix.addAll(records(OLD, "new", 5));
    mix.addAll(records(RECENT, "f", 5));
    assertThat(inserted(mix)).isEqualTo(10);
    assertThat(inserted(mix)).as("and once more").isZero();
  }

  private static List<String> records(Instant from, String feature, int count) {
    List<String> records = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      records.add(String.format("{\"Spc\":{\"created_at\":\"%s\",\"space\":\"once\",\"name\":\"n\",\"version\":\"v\","
          + "\"feature\":\"%s\",\"value\":%d}}", from.plusSeconds(60L * i), feature, i));
    }
    return records;
  }

  private static long inserted(List<String> records) {
    Response response = APP.client().target("http://localhost:" + APP.getLocalPort() + "/scouter/drift")
        .property(ClientProperties.READ_TIMEOUT, PATIENCE_MILLIS).request()
        .post(Entity.entity("{\"records\":[" + String.join(",", records) + "]}", MediaType.APPLICATION_JSON_TYPE));
    assertThat(response.getStatus()).isEqualTo(200);
    Map<?, ?> answer = response.readEntity(Map.class);
    assertThat(answer.get("received")).isEqualTo(records.size());
    return ((Number) answer.get("inserted")).longValue();
  }
}
