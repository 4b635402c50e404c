package io.scouter.archive.archiver.write;

import io.scouter.archive.catalog.drift.DriftTableDefinition;
import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.catalog.hotstore.HotStore;
import io.scouter.archive.catalog.settings.DatabaseUri;
import io.scouter.archive.catalog.settings.PoolSize;
import io.scouter.archive.catalog.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.jdbc.JdbcCatalog;

/**
 * A real PostgreSQL with the migrated hot tables (as the service migrates them), and a real
 * Iceberg {@link JdbcCatalog} on the same server, for tests and the benchmark.
 */
final class HotStoreFixture implements AutoCloseable {
  private final DatabaseUri uri;
  private final HotStore hotStore;
  private final JdbcCatalog catalog;

  private HotStoreFixture(DatabaseUri uri, HotStore hotStore, JdbcCatalog catalog) {
    this.uri = uri;
    this.hotStore = hotStore;
    this.catalog = catalog;
  }

  /** @param ioImpl {@code io-impl} of the catalog, e.g. HadoopFileIO or LocalFileIO */
  static HotStoreFixture start(String purpose, Path warehouse, String ioImpl) throws SQLException {
    return start(purpose, warehouse, ioImpl, Map.of());
  }

  static HotStoreFixture start(String purpose, Path warehouse, String ioImpl, Map<String, String> ioProperties)
      throws SQLException {
    DatabaseUri uri = TestDatabases.freshDatabase(purpose);
    HotStore hotStore = HotStore.open(uri, new PoolSize(4));
    Map<String, String> properties = new HashMap<>();
    properties.put(CatalogProperties.URI, uri.jdbcUrl());
    uri.user().ifPresent(user -> properties.put("jdbc.user", user));
    uri.password().ifPresent(password -> properties.put("jdbc.password", password));
    properties.put("jdbc.schema-version", "V1");
    properties.put(CatalogProperties.WAREHOUSE_LOCATION, warehouse.toUri().toString());
    properties.put(CatalogProperties.FILE_IO_IMPL, ioImpl);
    properties.putAll(ioProperties);
    JdbcCatalog catalog = new JdbcCatalog();
    catalog.initialize("scouter", properties);
    if (!catalog.namespaceExists(DriftTableDefinition.NAMESPACE)) {
      catalog.createNamespace(DriftTableDefinition.NAMESPACE);
    }
    return new HotStoreFixture(uri, hotStore, catalog);
  }

  Connection connect() throws SQLException {
    return TestDatabases.connect(uri);
  }

  JdbcCatalog catalog() {
    return catalog;
  }

  HotStore hotStore() {
    return hotStore;
  }

  /** Creates the drift type's table from its definition, with extra or overriding properties. */
  Table createTable(DriftType type, Map<String, String> propertyOverrides) {
    return createTable(type, type.tableName(), propertyOverrides);
  }

  Table createTable(DriftType type, String tableName, Map<String, String> propertyOverrides) {
    DriftTableDefinition definition = DriftTableDefinition.of(type);
    Map<String, String> properties = new HashMap<>(definition.properties());
    properties.putAll(propertyOverrides);
    return catalog.buildTable(TableIdentifier.of(DriftTableDefinition.NAMESPACE, tableName), definition.schema())
        .withPartitionSpec(definition.partitionSpec())
        .withSortOrder(definition.sortOrder())
        .withProperties(properties)
        .create();
  }

  static void commit(Table table, List<DataFile> files) {
    AppendFiles append = table.newAppend();
    files.forEach(append::appendFile);
    append.commit();
  }

  void execute(String sql) throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  @Override
  public void close() {
    try {
      catalog.close();
    } finally {
      hotStore.close();
    }
  }
}
