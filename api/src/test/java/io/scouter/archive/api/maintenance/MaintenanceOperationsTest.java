package io.scouter.archive.api.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.glassfish.jersey.client.ClientProperties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Maintenance as an operator sees it: the admin task, the history route, metrics. */
@ExtendWith(DropwizardExtensionsSupport.class)
class MaintenanceOperationsTest {
  private static final DropwizardAppExtension<ScouterArchiveConfiguration> APP = new DropwizardAppExtension<>(
      ScouterArchiveApplication.class, ResourceHelpers.resourceFilePath("test-config.yml"),
      ConfigOverride.config("database.uri", TestDatabases.freshDatabaseUri("maintenance_operations")),
      ConfigOverride.config("storage.uri", () -> temporaryDirectory()));

  @BeforeAll
  static void authenticate() {
    TestApiKeys.authenticate(APP);
  }

  private static String temporaryDirectory() {
    return TemporaryDirectories.create("scouter-maintenance-operations-").toString();
  }

  @Test
  @SuppressWarnings("unchecked")
  void theTaskCompactsTwoRunsIntoOneFileAndTheRouteListsThePass() {
    Instant old = Instant.now().minus(100, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS).plusSeconds(3600);
    for (int batch = 0; batch < 2; batch++) {
      ingest(old.plusSeconds(batch * 100L));
      assertThat(post("/tasks/archive").getStatus()).isEqualTo(200);
    }

    String answerBefore = spcAnswer(old);

    Response task = post("/tasks/maintain");

    assertThat(task.getStatus()).isEqualTo(200);
    assertThat(task.readEntity(String.class)).contains("spc_drift DONE data files 2 -> 1");
    // The archived rows are read from the compacted file now, and the binned answer is the same.
    assertThat(spcAnswer(old)).isEqualTo(answerBefore).contains("\"f\"");
    Map<String, Object> body = APP.client().target(app("/scouter/archive/maintenance")).request().get(Map.class);
    List<Map<String, Object>> passes = (List<Map<String, Object>>) body.get("passes");
    assertThat(passes).hasSize(3);
    Map<String, Object> spc = passes.stream().filter(pass -> "spc_drift".equals(pass.get("table"))).findFirst()
        .orElseThrow();
    assertThat(spc).containsEntry("status", "done");
    assertThat((Map<String, Object>) spc.get("before")).containsEntry("data_files", 2);
    assertThat((Map<String, Object>) spc.get("after")).containsEntry("data_files", 1);
    List<Map<String, Object>> steps = (List<Map<String, Object>>) spc.get("steps");
    assertThat(steps).extracting(step -> step.get("step"))
        .containsExactly("compaction", "manifest-rewrite", "state-advance", "snapshot-expiry", "orphan-cleanup");
    assertThat((Map<String, Object>) steps.get(0).get("counts")).containsEntry("files_rewritten", 2);
    Map<String, Object> metrics = APP.client().target(admin("/metrics")).request().get(Map.class);
    assertThat(metrics.toString())
        .contains("io.scouter.archive.archiver.maintenance.ArchiveMaintainer.files-rewritten={count=2}");
  }

  @Test
  void aBadLimitIsA400NamingTheParameter() {
    Response response = APP.client().target(app("/scouter/archive/maintenance")).queryParam("limit", "0").request()
        .get();
    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(response.readEntity(Map.class))
        .containsEntry("error", "Invalid limit: '0' (accepted: a whole number from 1 to 1000)");
  }

  private static String spcAnswer(Instant day) {
    Response response = APP.client().target(app("/scouter/drift/spc")).queryParam("space", "ops")
        .queryParam("name", "n").queryParam("version", "v")
        .queryParam("begin_custom_datetime", day.truncatedTo(ChronoUnit.DAYS).toString())
        .queryParam("end_custom_datetime", day.truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS).toString())
        .queryParam("max_data_points", 24).request(MediaType.APPLICATION_JSON_TYPE).get();
    assertThat(response.getStatus()).isEqualTo(200);
    return response.readEntity(String.class);
  }

  private static void ingest(Instant at) {
    List<String> records = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      records.add(String.format("{\"Spc\":{\"created_at\":\"%s\",\"space\":\"ops\",\"name\":\"n\",\"version\":\"v\","
          + "\"feature\":\"f\",\"value\":%d}}", at.plusSeconds(i), i));
    }
    Response response = APP.client().target(app("/scouter/drift")).request()
        .post(Entity.entity("{\"records\":[" + String.join(",", records) + "]}", MediaType.APPLICATION_JSON_TYPE));
    assertThat(response.getStatus()).isEqualTo(200);
  }

  private static Response post(String path) {
    // A pass may take seconds on a busy machine: wait for it.
    return APP.client().target(admin(path)).property(ClientProperties.READ_TIMEOUT, 120_000).request()
        .post(Entity.text(""));
  }

  private static String app(String path) {
    return "http://localhost:" + APP.getLocalPort() + path;
  }

  private static String admin(String path) {
    return "http://localhost:" + APP.getAdminPort() + path;
  }
}
