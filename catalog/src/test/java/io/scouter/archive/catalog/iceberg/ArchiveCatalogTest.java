package io.scouter.archive.catalog.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scouter.archive.catalog.drift.DriftTableDefinition;
import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.catalog.settings.DatabaseUri;
import io.scouter.archive.catalog.settings.InvalidSettingException;
import io.scouter.archive.catalog.storage.FileIOFactory;
import io.scouter.archive.catalog.storage.StorageSettings;
import io.scouter.archive.catalog.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveCatalogTest {
  @TempDir
  Path storage;

  private ArchiveCatalog open(DatabaseUri database) {
    StorageSettings settings = StorageSettings.fromEnvironment(Map.of("SCOUTER_STORAGE_URI", storage.toString()));
    return ArchiveCatalog.open(CatalogSettings.parse(null), database, settings, new FileIOFactory());
  }

  @Test
  void createsTheThreeTablesAsDefinedWithCatalogTablesInTheirOwnSchema() throws Exception {
    DatabaseUri database = TestDatabases.freshDatabase("archive_catalog");
    try (ArchiveCatalog catalog = open(database)) {
      for (DriftType type : DriftType.values()) {
        DriftTableDefinition definition = DriftTableDefinition.of(type);
        Table table = catalog.table(type);
        assertThat(table.name()).isEqualTo("scouter.scouter." + type.tableName());
        assertThat(table.schema().sameSchema(definition.schema())).isTrue();
        assertThat(table.spec().compatibleWith(definition.partitionSpec())).isTrue();
        assertThat(table.sortOrder().sameOrder(definition.sortOrder())).isTrue();
        assertThat(table.properties()).containsEntry(TableProperties.PARQUET_COMPRESSION, "zstd");
        assertThat(table.location()).isEqualTo("file:" + storage + "/scouter/" + type.tableName());
      }
    }
    try (Connection connection = TestDatabases.connect(database);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'iceberg' ORDER BY 1")) {
      List<String> tables = new ArrayList<>();
      while (rows.next()) {
        tables.add(rows.getString(1));
      }
      assertThat(tables).containsExactly("iceberg_namespace_properties", "iceberg_tables");
    }
  }

  @Test
  void reopeningFindsTheSameTables() throws Exception {
    DatabaseUri database = TestDatabases.freshDatabase("archive_catalog_reopen");
    String firstUuid;
    try (ArchiveCatalog catalog = open(database)) {
      firstUuid = catalog.table(DriftType.SPC).uuid().toString();
    }
    try (ArchiveCatalog catalog = open(database)) {
      assertThat(catalog.table(DriftType.SPC).uuid().toString()).isEqualTo(firstUuid);
      assertThat(catalog.table(DriftType.SPC).history()).hasSize(0);
    }
  }

  @Test
  void replicasStartingAtOnceAllSucceedOnOneSetOfTables() throws Exception {
    DatabaseUri database = TestDatabases.freshDatabase("archive_catalog_race");
    int replicas = 4;
    ExecutorService pool = Executors.newFixedThreadPool(replicas);
    try {
      List<Callable<String>> starts = new ArrayList<>();
      for (int i = 0; i < replicas; i++) {
        starts.add(() -> {
          try (ArchiveCatalog catalog = open(database)) {
            StringBuilder uuids = new StringBuilder();
            for (DriftType type : DriftType.values()) {
              uuids.append(catalog.table(type).uuid()).append(' ');
            }
            return uuids.toString();
          }
        });
      }
      List<String> seen = new ArrayList<>();
      for (Future<String> start : pool.invokeAll(starts)) {
        seen.add(start.get());
      }
      assertThat(seen).hasSize(replicas).allMatch(uuids -> uuids.equals(seen.get(0)));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aTableThatNoLongerMatchesItsDefinitionIsRefused() throws Exception {
    DatabaseUri database = TestDatabases.freshDatabase("archive_catalog_drifted");
    try (ArchiveCatalog catalog = open(database)) {
      catalog.table(DriftType.SPC).updateSchema().addColumn("extra", Types.StringType.get()).commit();
    }
    try (ArchiveCatalog catalog = open(database)) {
      assertThatThrownBy(catalog::tables)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("Cannot use Iceberg table scouter.spc_drift: its schema")
          .hasMessageContaining("differs from the definition");
    }
  }

  @Test
  void catalogNameMustSuitEveryEngine() {
    assertThat(CatalogSettings.parse(" ").name()).isEqualTo("scouter");
    assertThat(CatalogSettings.parse("archive_2").name()).isEqualTo("archive_2");
    assertThatThrownBy(() -> CatalogSettings.parse("my catalog"))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageStartingWith("Invalid SCOUTER_CATALOG_NAME: 'my catalog' (accepted: a letter followed by");
  }
}
