package io.scouter.archive.catalog.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;

/** The storage checks every emulator test makes, independent of the catalog and the store. */
final class RoundTrip {
  private RoundTrip() {}

  /**
   * Creates a table, appends the sample rows, reads one space back through a filtered scan, and
   * checks that the store holds exactly the table's files under the warehouse.
   *
   * @param storedLocations lists the store's objects under the warehouse with the store's own client,
   *     as full locations (e.g. {@code s3://bucket/key})
   */
  static Table writeReadAndCheck(
      Catalog catalog, String tableName, String warehouse, Supplier<List<String>> storedLocations) {
    TableIdentifier identifier = ArchiveTestTables.identifier(tableName);
    Table table = ArchiveTestTables.createTable(catalog, identifier);
    assertThat(table.location()).isEqualTo(warehouse + "/drift/" + tableName);

    List<DataFile> written = ArchiveTestTables.append(table, ArchiveTestTables.sampleRecords());
    assertThat(written).hasSize(ArchiveTestTables.PARTITIONS);

    checkSpace(catalog.loadTable(identifier), "alpha");

    List<String> stored = storedLocations.get();
    assertThat(stored).allSatisfy(location -> assertThat(location).startsWith(table.location() + "/"));
    Set<String> storedData = stored.stream().filter(l -> l.endsWith(".parquet")).collect(Collectors.toSet());
    Set<String> dataFiles = written.stream().map(DataFile::location).collect(Collectors.toSet());
    assertThat(storedData).isEqualTo(dataFiles);
    assertThat(dataFiles).allSatisfy(location -> assertThat(location)
        .startsWith(table.location() + "/data/created_at_day=2026-11-0"));
    assertThat(stored).anySatisfy(location -> assertThat(location)
        .startsWith(table.location() + "/metadata/").endsWith(".metadata.json"));
    return table;
  }

  /** Reads one space and checks the rows and that the scan planned only that space's files. */
  static void checkSpace(Table table, String space) {
    List<Record> rows = ArchiveTestTables.readSpace(table, space);
    List<Record> expected = ArchiveTestTables.sampleRecords().stream()
        .filter(r -> r.getField("space").equals(space))
        .collect(Collectors.toList());
    assertThat(rows).hasSize(expected.size());
    assertThat(rows).extracting(r -> r.getField("space")).containsOnly(space);
    assertThat(rows).extracting(r -> r.getField("value"))
        .containsExactlyInAnyOrderElementsOf(expected.stream().map(r -> r.getField("value")).collect(Collectors.toList()));
    assertThat(rows).extracting(r -> r.getField("created_at"))
        .containsExactlyInAnyOrderElementsOf(expected.stream().map(r -> r.getField("created_at")).collect(Collectors.toList()));

    List<String> planned = ArchiveTestTables.plannedFiles(table, space);
    assertThat(planned).hasSize(ArchiveTestTables.PARTITIONS / ArchiveTestTables.SPACES.size());
    assertThat(planned).allSatisfy(location -> assertThat(location).contains("/space=" + space + "/"));
  }
}
