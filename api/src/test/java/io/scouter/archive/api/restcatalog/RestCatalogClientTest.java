package io.scouter.archive.api.restcatalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.rest.RESTCatalog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An engine's view of the REST catalog: Iceberg's own {@link RESTCatalog}, given only the
 * service's URI (as DuckDB or PyIceberg would be), finds every table and reads exactly the rows
 * the JdbcCatalog reads, at the current and at an older snapshot. The rows were written by the
 * real archiver and deleted from PostgreSQL, so they can only come from the Iceberg files.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class RestCatalogClientTest {
  private static final String DATABASE = TestDatabases.freshDatabaseUri("rest_catalog_client");
  private static final Path WAREHOUSE = temporaryDirectory();
  private static final DropwizardAppExtension<ScouterArchiveConfiguration> APP = new DropwizardAppExtension<>(
      ScouterArchiveApplication.class, ResourceHelpers.resourceFilePath("test-config.yml"),
      ConfigOverride.config("database.uri", DATABASE), ConfigOverride.config("storage.uri", WAREHOUSE.toString()));
  private static final Instant T0 = Instant.parse("2026-01-10T00:00:00Z");
  private static ArchiveBench bench;
  private static RESTCatalog rest;

  private static Path temporaryDirectory() {
    return TemporaryDirectories.create("rest-catalog-client-");
  }

  @BeforeAll
  static void archiveTwiceAndAttach() throws Exception {
    TestApiKeys.authenticate(APP);
    bench = new ArchiveBench(DatabaseUri.parse(DATABASE).orElseThrow(), WAREHOUSE);
    bench.insert(records(T0, 40));
    bench.archiveBefore(T0.plusSeconds(86_400));
    bench.insert(records(T0.plusSeconds(2 * 86_400), 30));
    bench.archiveBefore(T0.plusSeconds(3 * 86_400));
    try (var connection = bench.hotStore.dataSource().getConnection(); var statement = connection.createStatement()) {
      statement.execute("DELETE FROM scouter.spc_drift; DELETE FROM scouter.observed_bin_count;"
          + " DELETE FROM scouter.custom_metric");
    }
    rest = new RESTCatalog();
    rest.setConf(new Configuration());
    rest.initialize("engine", Map.of("uri", "http://localhost:" + APP.getLocalPort() + "/iceberg",
        "token", TestApiKeys.READ));
  }

  @AfterAll
  static void close() throws IOException {
    rest.close();
    bench.close();
  }

  private static List<DriftRecord> records(Instant from, int count) {
    List<DriftRecord> records = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Instant at = from.plusSeconds(97L * i);
      records.add(new DriftRecord.Spc(at, "space", "model", "v" + (i % 3), "f" + (i % 2), i * 0.25));
      records.add(new DriftRecord.Custom(at, "space", "model", "v1", "mae", i / 7.0));
      records.add(new DriftRecord.Psi(at, "space", "model", "v1", "f1", i % 5, 10 + i));
    }
    return records;
  }

  @Test
  void findsEveryArchiveTable() {
    assertThat(rest.listNamespaces()).containsExactly(DriftTableDefinition.NAMESPACE);
    assertThat(rest.listTables(DriftTableDefinition.NAMESPACE))
        .containsExactlyInAnyOrderElementsOf(bench.catalog.catalog().listTables(DriftTableDefinition.NAMESPACE));
  }

  @Test
  void readsTheSameRowsAsTheJdbcCatalogFromEveryTable() {
    for (TableIdentifier id : bench.catalog.catalog().listTables(DriftTableDefinition.NAMESPACE)) {
      Table viaRest = rest.loadTable(id);
      Table viaJdbc = bench.catalog.catalog().loadTable(id);

      List<String> restRows = rows(viaRest, null);
      assertThat(restRows).as(id.toString()).hasSize(70).isEqualTo(rows(viaJdbc, null));
      assertThat(viaRest.schema().sameSchema(viaJdbc.schema())).isTrue();
      assertThat(viaRest.spec()).isEqualTo(viaJdbc.spec());
    }
  }

  @Test
  void timeTravelsToTheFirstArchiveRun() {
    for (TableIdentifier id : bench.catalog.catalog().listTables(DriftTableDefinition.NAMESPACE)) {
      Table viaRest = rest.loadTable(id);
      Table viaJdbc = bench.catalog.catalog().loadTable(id);
      long first = viaJdbc.history().get(viaJdbc.history().size() - 2).snapshotId();

      assertThat(viaRest.refs()).isEqualTo(viaJdbc.refs());
      assertThat(rows(viaRest, first)).as(id.toString()).hasSize(40).isEqualTo(rows(viaJdbc, first));
    }
  }

  @Test
  void anUnknownTableIsTheProtocolsNoSuchTable() {
    assertThatThrownBy(() -> rest.loadTable(TableIdentifier.of(DriftTableDefinition.NAMESPACE, "nope")))
        .isInstanceOf(NoSuchTableException.class);
  }

  @Test
  void writesAreNotOfferedToTheClient() {
    assertThatThrownBy(() -> rest.dropTable(TableIdentifier.of(DriftTableDefinition.NAMESPACE, "spc_drift")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(bench.catalog.catalog().tableExists(TableIdentifier.of(DriftTableDefinition.NAMESPACE, "spc_drift")))
        .isTrue();
  }

  private static List<String> rows(Table table, Long snapshotId) {
    Schema schema = table.schema();
    var scan = IcebergGenerics.read(table);
    if (snapshotId != null) {
      scan = scan.useSnapshot(snapshotId);
    }
    List<String> rows = new ArrayList<>();
    try (CloseableIterable<Record> records = scan.build()) {
      for (Record record : records) {
        rows.add(record.toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    rows.sort(null);
    assertThat(schema.columns()).isNotEmpty();
    return rows;
  }
}
