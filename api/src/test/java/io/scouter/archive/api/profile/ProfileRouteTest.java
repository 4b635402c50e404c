package io.scouter.archive.api.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith(DropwizardExtensionsSupport.class)
class ProfileRouteTest {
  private static final DropwizardAppExtension<ScouterArchiveConfiguration> APP = new DropwizardAppExtension<>(
      ScouterArchiveApplication.class, ResourceHelpers.resourceFilePath("test-config.yml"),
      ConfigOverride.config("database.uri", TestDatabases.freshDatabaseUri("profile_route")),
      ConfigOverride.config("storage.uri", () -> TemporaryDirectories.create("scouter-profile-test-storage").toString()));

  @BeforeAll
  static void authenticate() {
    TestApiKeys.authenticate(APP);
  }

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static Response post(String body) {
    return APP.client().target("http://localhost:" + APP.getLocalPort() + "/scouter/profile").request()
        .post(Entity.entity(body, MediaType.APPLICATION_JSON_TYPE));
  }

  private static Response get(String space, String name, String version, String type) {
    String query = "space=" + encode(space) + "&name=" + encode(name) + "&version=" + encode(version)
        + "&drift_type=" + type;
    return APP.client().target(URI.create("http://localhost:" + APP.getLocalPort() + "/scouter/profile?" + query))
        .request().get();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String body(String space, String profileJson) throws Exception {
    return "{\"space\":" + MAPPER.writeValueAsString(space) + ",\"drift_type\":\"Psi\",\"profile\":"
        + MAPPER.writeValueAsString(profileJson) + "}";
  }

  private static String psiProfile(String space, String bins) {
    return "{\"config\":{\"space\":\"" + space + "\",\"name\":\"m\",\"version\":\"1.0\",\"alert_config\":{}},"
        + "\"features\":{\"f\":{\"id\":\"f\",\"bins\":" + bins + "}},\"scouter_version\":\"0.5.0\"}";
  }

  @Test
  @SuppressWarnings("unchecked")
  void storesReplacesAndReturnsTheProfile() throws Exception {
    String space = "s'; \"ü\" %_";
    assertThat(post(body(space, psiProfile("s'; \\\"ü\\\" %_", "[{\"id\":0,\"proportion\":1.0}]"))).getStatus())
        .isEqualTo(200);
    Response second = post(body(space, psiProfile("s'; \\\"ü\\\" %_",
        "[{\"id\":0,\"proportion\":0.4},{\"id\":1,\"proportion\":0.6}]")));
    assertThat(second.getStatus()).isEqualTo(200);
    assertThat(body(second)).containsEntry("status", "success");

    Response stored = get(space, "m", "1.0", "Psi");
    assertThat(stored.getStatus()).isEqualTo(200);
    Map<String, Object> profile = body(stored);
    assertThat(((Map<String, Object>) profile.get("config"))).containsEntry("space", space);
    assertThat(MAPPER.writeValueAsString(profile.get("features")))
        .isEqualTo("{\"f\":{\"id\":\"f\",\"bins\":[{\"id\":0,\"proportion\":0.4},{\"id\":1,\"proportion\":0.6}]}}");
    assertThat(profile).containsEntry("scouter_version", "0.5.0");
  }

  @Test
  void aMissingProfileIsA404() {
    Response response = get("nobody", "m", "1.0", "Psi");
    assertThat(response.getStatus()).isEqualTo(404);
    assertThat(body(response))
        .containsEntry("error", "No Psi profile for space 'nobody', name 'm', version '1.0'");
  }

  @Test
  void getNamesItsInvalidParameter() {
    Response response = get("s", "m", "1.0", "Kl");
    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(body(response)).containsEntry("parameter", "drift_type")
        .containsEntry("error", "Invalid drift_type: 'Kl' (accepted: one of Spc, Psi, Custom)");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "[{\"id\":0,\"proportion\":-0.5}]|profile.features.f.bins[0].proportion|must be a finite number >= 0",
      "[{\"id\":-1,\"proportion\":0.5}]|profile.features.f.bins[0].id|must be a whole number from 0 to 2147483647",
      "[{\"id\":1,\"proportion\":0.5},{\"id\":1,\"proportion\":0.5}]|profile.features.f.bins[1].id|"
          + "bin id 1 appears twice",
      "[]|profile.features.f.bins|must be a non-empty array of {\"id\", \"proportion\"}"})
  void invalidPsiProfilesNameTheField(String bins, String field, String problem) throws Exception {
    Response response = post(body("s", psiProfile("s", bins)));
    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(body(response)).containsEntry("code", "invalid_profile").containsEntry("field", field)
        .containsEntry("error", "Invalid profile, field '" + field + "': " + problem);
  }

  @Test
  void theBodySpaceMustMatchTheProfile() throws Exception {
    Response response = post(body("other", psiProfile("s", "[{\"id\":0,\"proportion\":1}]")));
    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(body(response)).containsEntry("field", "space");
  }

  @Test
  void aProfileThatIsNotJsonIsA400() throws Exception {
    Response response = post("{\"space\":\"s\",\"drift_type\":\"Psi\",\"profile\":\"{not json\"}");
    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(body(response)).containsEntry("field", "profile");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> body(Response response) {
    return response.readEntity(Map.class);
  }
}
