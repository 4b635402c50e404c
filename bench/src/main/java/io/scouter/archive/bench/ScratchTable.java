package io.scouter.archive.bench;

import io.scouter.archive.catalog.drift.DriftTableDefinition;
import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.catalog.iceberg.ArchiveCatalog;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * A drift table with the real table's schema, partitioning, sort order and properties under another
 * name, for writes the benchmark times but must not leave in the archive. Closing drops it with its
 * files.
 */
final class ScratchTable implements AutoCloseable {
  private final ArchiveCatalog catalog;
  private final TableIdentifier identifier;
  private final Table table;

  private ScratchTable(ArchiveCatalog catalog, TableIdentifier identifier, Table table) {
    this.catalog = catalog;
    this.identifier = identifier;
    this.table = table;
  }

  static ScratchTable create(ArchiveCatalog catalog, DriftType type, String name) {
    DriftTableDefinition definition = DriftTableDefinition.of(type);
    TableIdentifier identifier = TableIdentifier.of(DriftTableDefinition.NAMESPACE, name);
    Table table = catalog.catalog().buildTable(identifier, definition.schema())
        .withPartitionSpec(definition.partitionSpec())
        .withSortOrder(definition.sortOrder())
        .withProperties(definition.properties())
        .create();
    return new ScratchTable(catalog, identifier, table);
  }

  Table table() {
    return table;
  }

  @Override
  public void close() {
    catalog.catalog().dropTable(identifier, true);
  }
}
