package io.scouter.archive.catalog.iceberg;

import io.scouter.archive.catalog.drift.DriftTableDefinition;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates a drift table from its definition, or checks that an existing one still matches it. The
 * tables are a public interface, so a table whose schema or partitioning differs from the
 * definition stops the archive rather than being written in a shape readers do not expect.
 */
final class DriftTableBootstrap {
  private static final Logger LOG = LoggerFactory.getLogger(DriftTableBootstrap.class);

  private final Catalog catalog;

  DriftTableBootstrap(Catalog catalog) {
    this.catalog = catalog;
  }

  Table createOrCheck(DriftTableDefinition definition) {
    createNamespaceIfMissing();
    if (catalog.tableExists(definition.identifier())) {
      return check(catalog.loadTable(definition.identifier()), definition);
    }
    try {
      Table table = catalog.buildTable(definition.identifier(), definition.schema())
          .withPartitionSpec(definition.partitionSpec())
          .withSortOrder(definition.sortOrder())
          .withProperties(definition.properties())
          .create();
      LOG.info("Created Iceberg table {} at {}", definition.identifier(), table.location());
      return table;
    } catch (AlreadyExistsException e) {
      // Created meanwhile by an engine that does not take our lock: check it like any existing table.
      return check(catalog.loadTable(definition.identifier()), definition);
    }
  }

  private void createNamespaceIfMissing() {
    SupportsNamespaces namespaces = (SupportsNamespaces) catalog;
    if (!namespaces.namespaceExists(DriftTableDefinition.NAMESPACE)) {
      try {
        namespaces.createNamespace(DriftTableDefinition.NAMESPACE);
      } catch (AlreadyExistsException e) {
        // Another process created it first; that is all we wanted.
      }
    }
  }

  private static Table check(Table table, DriftTableDefinition definition) {
    if (!table.schema().sameSchema(definition.schema())) {
      throw new IllegalStateException("Cannot use Iceberg table " + definition.identifier()
          + ": its schema " + table.schema() + " differs from the definition " + definition.schema());
    }
    if (!table.spec().compatibleWith(definition.partitionSpec())) {
      throw new IllegalStateException("Cannot use Iceberg table " + definition.identifier()
          + ": its partition spec " + table.spec() + " differs from the definition " + definition.partitionSpec());
    }
    return table;
  }
}
