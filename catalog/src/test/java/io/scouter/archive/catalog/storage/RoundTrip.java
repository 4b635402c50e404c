package io.scouter.archive.catalog.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.catalog.iceberg.ArchiveCatalog;
import io.scouter.archive.catalog.iceberg.CatalogSettings;
import io.scouter.archive.catalog.settings.DatabaseUri;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.jdbc.JdbcCatalog;

/** The storage checks every emulator test makes: the same for every object store. */
final class RoundTrip {
  private RoundTrip() {}

  /**
   * Opens the archive catalog on {@code storage}, which creates the three drift tables, appends
   * sample rows to each, reads one space of each back through a filtered scan, and checks that the
   * store holds exactly the tables' files under the warehouse prefix.
   *
   * @param storedLocations lists the store's objects under the warehouse with the store's own
   *     client, as full locations (e.g. {@code s3://bucket/key})
   * @return the catalog properties an external engine would be given
   */
  static Map<String, String> writeReadAndCheck(DatabaseUri database, StorageSettings storage, FileIOFactory fileIOs,
      Supplier<List<String>> storedLocations) throws Exception {
    String warehouse = storage.warehouseLocation();
    Set<String> dataFiles = new HashSet<>();
    Map<String, String> engineProperties;
    try (ArchiveCatalog catalog = ArchiveCatalog.open(CatalogSettings.parse(null), database, storage, fileIOs)) {
      engineProperties = catalog.engineProperties();
      for (DriftType type : DriftType.values()) {
        Table table = catalog.table(type);
        assertThat(table.location()).isEqualTo(warehouse + "/scouter/" + type.tableName());
        List<DataFile> written = ArchiveTestTables.append(table, ArchiveTestTables.sampleRecords(table, type));
        assertThat(written).hasSize(ArchiveTestTables.PARTITIONS);
        written.forEach(file -> dataFiles.add(file.location()));
        assertThat(written).allSatisfy(file -> assertThat(file.location())
            .startsWith(table.location() + "/data/created_at_day=2026-11-0"));
        table.refresh();
        checkSpace(table, type, "alpha");
      }
    }

    List<String> stored = storedLocations.get();
    assertThat(stored).allSatisfy(location -> assertThat(location).startsWith(warehouse + "/scouter/"));
    assertThat(stored.stream().filter(location -> location.endsWith(".parquet")).collect(Collectors.toSet()))
        .isEqualTo(dataFiles);
    for (DriftType type : DriftType.values()) {
      assertThat(stored).anySatisfy(location -> assertThat(location)
          .startsWith(warehouse + "/scouter/" + type.tableName() + "/metadata/").endsWith(".metadata.json"));
    }
    return engineProperties;
  }

  /**
   * Reads the tables as an external engine would: a plain {@link JdbcCatalog} given only the
   * catalog's name, JDBC URI and user, and the storage properties.
   */
  static void readAsExternalEngine(DatabaseUri database, Map<String, String> engineProperties) throws Exception {
    Map<String, String> properties = new java.util.HashMap<>(engineProperties);
    database.user().ifPresent(user -> properties.put("jdbc.user", user));
    database.password().ifPresent(password -> properties.put("jdbc.password", password));
    try (JdbcCatalog external = new JdbcCatalog()) {
      external.initialize(CatalogSettings.DEFAULT_NAME, properties);
      for (DriftType type : DriftType.values()) {
        Table table = external.loadTable(TableIdentifier.of("scouter", type.tableName()));
        checkSpace(table, type, "beta");
      }
    }
  }

  /** Reads one space and checks the rows and that the scan planned only that space's files. */
  static void checkSpace(Table table, DriftType type, String space) {
    List<Record> rows = ArchiveTestTables.readSpace(table, space);
    List<Record> expected = ArchiveTestTables.sampleRecords(table, type).stream()
        .filter(record -> record.getField("space").equals(space))
        .collect(Collectors.toList());
    assertThat(rows).containsExactlyInAnyOrderElementsOf(expected);

    List<String> planned = ArchiveTestTables.plannedFiles(table, space);
    assertThat(planned).hasSize(ArchiveTestTables.PARTITIONS / ArchiveTestTables.SPACES.size());
    assertThat(planned).allSatisfy(location -> assertThat(location).contains("/space=" + space + "/"));
  }
}
