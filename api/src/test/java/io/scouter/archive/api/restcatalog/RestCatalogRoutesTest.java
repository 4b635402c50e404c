package io.scouter.archive.api.restcatalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.scouter.archive.api.ScouterArchiveApplication;
import io.scouter.archive.api.config.ScouterArchiveConfiguration;
import io.scouter.archive.api.testing.ArchiveBench;
import io.scouter.archive.api.testing.TestApiKeys;
import io.scouter.archive.catalog.drift.DriftRecord;
import io.scouter.archive.catalog.drift.DriftTableDefinition;
import io.scouter.archive.catalog.settings.DatabaseUri;
import io.scouter.archive.catalog.testing.TestDatabases;
import io.scouter.archive.catalog.testing.TemporaryDirectories;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The REST catalog's routes over real HTTP on the running service, against tables the real
 * archiver filled: what they answer, their error shape, the ETag, and the refusal of every write.
 * (Iceberg's own client reading through them is {@link RestCatalogClientTest}.)
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class RestCatalogRoutesTest {
  private static final String DATABASE = TestDatabases.freshDatabaseUri("rest_catalog_routes");
  private static final Path WAREHOUSE = temporaryDirectory();
  private static final DropwizardAppExtension<ScouterArchiveConfiguration> APP = new DropwizardAppExtension<>(
      ScouterArchiveApplication.class, ResourceHelpers.resourceFilePath("test-config.yml"),
      ConfigOverride.config("database.uri", DATABASE), ConfigOverride.config("storage.uri", WAREHOUSE.toString()));
  private static final Instant T0 = Instant.parse("2026-01-10T00:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static ArchiveBench bench;

  private static Path temporaryDirectory() {
    return TemporaryDirectories.create("rest-catalog-routes-");
  }

  @BeforeAll
  static void archive() throws Exception {
    TestApiKeys.authenticate(APP);
    bench = new ArchiveBench(DatabaseUri.parse(DATABASE).orElseThrow(), WAREHOUSE);
    bench.insert(spcRecords(T0, 5));
    bench.archiveBefore(T0.plusSeconds(86_400));
  }

  @AfterAll
  static void close() {
    bench.close();
  }

  static List<DriftRecord> spcRecords(Instant from, int count) {
    List<DriftRecord> records = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      records.add(new DriftRecord.Spc(from.plusSeconds(60L * i), "space", "model", "v1", "f" + (i % 2), i * 0.5));
    }
    return records;
  }

  private static String url(String path) {
    return "http://localhost:" + APP.getLocalPort() + "/iceberg/v1" + path;
  }

  /** Sends a request and closes its response (the test client's connection pool is small). */
  private static int status(Response response) {
    return answer(response).status();
  }

  private static String etag(Response response) {
    return answer(response).etag();
  }

  private static JsonNode json(Response response) throws IOException {
    return JSON.readTree(answer(response).body());
  }

  /** A response read whole and closed, whatever the assertions on it say later. */
  private record Answer(int status, String etag, String body) {}

  private static Answer answer(Response response) {
    try (response) {
      return new Answer(response.getStatus(), response.getHeaderString(HttpHeaders.ETAG),
          response.hasEntity() ? response.readEntity(String.class) : "");
    }
  }

  @Test
  void configNamesTheCatalogAsPrefixAndAdvertisesOnlyReads() throws IOException {
    Answer response = answer(APP.client().target(url("/config")).queryParam("warehouse", "anything").request().get());

    assertThat(response.status()).isEqualTo(200);
    JsonNode config = JSON.readTree(response.body());
    assertThat(config.at("/overrides/prefix").asText()).isEqualTo("scouter");
    List<String> endpoints = new ArrayList<>();
    config.get("endpoints").forEach(endpoint -> endpoints.add(endpoint.asText()));
    assertThat(endpoints).containsExactlyInAnyOrder("GET /v1/{prefix}/namespaces",
        "GET /v1/{prefix}/namespaces/{namespace}", "HEAD /v1/{prefix}/namespaces/{namespace}",
        "GET /v1/{prefix}/namespaces/{namespace}/tables", "GET /v1/{prefix}/namespaces/{namespace}/tables/{table}",
        "HEAD /v1/{prefix}/namespaces/{namespace}/tables/{table}");
  }

  @Test
  void listsTheNamespaceAndItsTables() throws IOException {
    JsonNode namespaces = json(APP.client().target(url("/scouter/namespaces")).request().get());
    JsonNode tables = json(APP.client().target(url("/scouter/namespaces/scouter/tables")).request().get());

    assertThat(namespaces.get("namespaces").toString()).isEqualTo("[[\"scouter\"]]");
    List<String> names = new ArrayList<>();
    tables.get("identifiers").forEach(id -> names.add(id.get("name").asText()));
    assertThat(names).containsExactlyInAnyOrder("spc_drift", "observed_bin_count", "custom_metric");
  }

  @Test
  void pagesTheTableList() throws IOException {
    JsonNode first = json(APP.client().target(url("/scouter/namespaces/scouter/tables"))
        .queryParam("pageSize", 2).request().get());

    assertThat(first.get("identifiers")).hasSize(2);
    assertThat(first.get("next-page-token").asText()).isEqualTo("2");
  }

  @Test
  void loadsATableWithItsMetadataLocationSnapshotsAndRefs() throws IOException {
    Answer response = answer(APP.client().target(url("/scouter/namespaces/scouter/tables/spc_drift")).request().get());

    assertThat(response.status()).isEqualTo(200);
    JsonNode loaded = JSON.readTree(response.body());
    Table table = jdbc().loadTable(TableIdentifier.of(DriftTableDefinition.NAMESPACE, "spc_drift"));
    assertThat(loaded.get("metadata-location").asText())
        .isEqualTo(((org.apache.iceberg.HasTableOperations) table).operations().current().metadataFileLocation());
    assertThat(loaded.at("/metadata/current-snapshot-id").asLong()).isEqualTo(table.currentSnapshot().snapshotId());
    assertThat(loaded.at("/metadata/snapshots")).hasSize((int) java.util.stream.StreamSupport.stream(table.snapshots().spliterator(), false).count());
    assertThat(loaded.at("/metadata/refs/main/snapshot-id").asLong()).isEqualTo(table.currentSnapshot().snapshotId());
  }

  @Test
  void answersNotModifiedToTheCurrentETag() {
    String path = url("/scouter/namespaces/scouter/tables/custom_metric");
    String etag = etag(APP.client().target(path).request().get());

    int again = status(APP.client().target(path).request().header(HttpHeaders.IF_NONE_MATCH, etag).get());
    int refsOnly = status(APP.client().target(path).queryParam("snapshots", "refs").request()
        .header(HttpHeaders.IF_NONE_MATCH, etag).get());

    assertThat(etag).isNotBlank();
    assertThat(again).isEqualTo(304);
    assertThat(refsOnly).as("another snapshots mode is another answer").isEqualTo(200);
  }

  @Test
  void aNewArchiveCommitChangesTheETag() {
    String path = url("/scouter/namespaces/scouter/tables/spc_drift");
    String before = etag(APP.client().target(path).request().get());
    try {
      bench.insert(spcRecords(T0.plusSeconds(2 * 86_400), 3));
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    bench.archiveBefore(T0.plusSeconds(3 * 86_400));

    Answer after = answer(APP.client().target(path).request().header(HttpHeaders.IF_NONE_MATCH, before).get());

    assertThat(after.status()).isEqualTo(200);
    assertThat(after.etag()).isNotEqualTo(before);
  }

  @Test
  void headAnswersWhetherNamespacesAndTablesExist() {
    assertThat(status(APP.client().target(url("/scouter/namespaces/scouter")).request().head())).isEqualTo(204);
    assertThat(status(APP.client().target(url("/scouter/namespaces/nope")).request().head())).isEqualTo(404);
    assertThat(status(APP.client().target(url("/scouter/namespaces/scouter/tables/spc_drift")).request().head()))
        .isEqualTo(204);
    assertThat(status(APP.client().target(url("/scouter/namespaces/scouter/tables/nope")).request().head()))
        .isEqualTo(404);
  }

  @ParameterizedTest
  @CsvSource({
      "/scouter/namespaces/scouter/tables/nope, 404, NoSuchTableException",
      "/scouter/namespaces/nope, 404, NoSuchNamespaceException",
      "/scouter/namespaces/scouter%1Fspc_drift/tables/snapshots, 404, NoSuchTableException",
      "/scouter/namespaces/nope/tables, 404, NoSuchNamespaceException",
      "/other/namespaces, 404, NotFoundException",
      "/scouter/namespaces/scouter/tables?pageSize=zero, 400, BadRequestException",
      "/scouter/namespaces/scouter/tables/spc_drift?snapshots=some, 400, BadRequestException"})
  void readErrorsHaveTheProtocolShape(String path, int status, String type) throws IOException {
    Answer response = answer(APP.client().target(url(path)).request().get());

    assertThat(response.status()).as(response.body()).isEqualTo(status);
    JsonNode error = JSON.readTree(response.body()).get("error");
    assertThat(error.get("type").asText()).isEqualTo(type);
    assertThat(error.get("code").asInt()).isEqualTo(status);
    assertThat(error.get("message").asText()).isNotBlank();
  }

  @ParameterizedTest
  @CsvSource({
      "POST, /scouter/namespaces",
      "DELETE, /scouter/namespaces/scouter",
      "POST, /scouter/namespaces/scouter/properties",
      "POST, /scouter/namespaces/scouter/tables",
      "POST, /scouter/namespaces/scouter/register",
      "POST, /scouter/namespaces/scouter/tables/spc_drift",
      "DELETE, /scouter/namespaces/scouter/tables/spc_drift",
      "POST, /scouter/namespaces/scouter/tables/spc_drift/metrics",
      "POST, /scouter/tables/rename",
      "POST, /scouter/transactions/commit",
      "POST, /scouter/namespaces/scouter/views",
      "POST, /scouter/namespaces/scouter/views/v",
      "DELETE, /scouter/namespaces/scouter/views/v",
      "POST, /scouter/views/rename"})
  void everyWriteIsRefusedAndChangesNothing(String method, String path) throws IOException {
    String metadataBefore = currentMetadata();
    Answer response = answer(APP.client().target(url(path)).queryParam("purgeRequested", "true").request()
        .method(method, method.equals("POST") ? Entity.json("{\"namespace\": [\"x\"], \"name\": \"t\"}") : null));

    assertThat(response.status()).as(response.body()).isEqualTo(403);
    JsonNode error = JSON.readTree(response.body()).get("error");
    assertThat(error.get("type").asText()).isEqualTo("ForbiddenException");
    assertThat(error.get("code").asInt()).isEqualTo(403);
    assertThat(error.get("message").asText()).contains("read-only");
    assertThat(currentMetadata()).isEqualTo(metadataBefore);
    assertThat(jdbc().listTables(DriftTableDefinition.NAMESPACE)).hasSize(3);
  }

  private static String currentMetadata() {
    Table table = jdbc().loadTable(TableIdentifier.of(DriftTableDefinition.NAMESPACE, "spc_drift"));
    return ((org.apache.iceberg.HasTableOperations) table).operations().current().metadataFileLocation();
  }

  private static JdbcCatalog jdbc() {
    return bench.catalog.catalog();
  }
}
