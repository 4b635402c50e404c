package io.scouter.archive.catalog.storage;

import io.scouter.archive.catalog.settings.DatabaseUri;
import java.util.HashMap;
import java.util.Map;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.jdbc.JdbcCatalog;

/** Iceberg JDBC catalogs on a test PostgreSQL database, as the service and external engines build them. */
final class JdbcTestCatalogs {
  static final String CATALOG_NAME = "scouter";

  private JdbcTestCatalogs() {}

  /** A catalog whose FileIO is {@code io}, as the service builds it. */
  static JdbcCatalog withFileIO(DatabaseUri database, Map<String, String> storageProperties, FileIO io) {
    JdbcCatalog catalog = new JdbcCatalog(properties -> io, null, true);
    catalog.initialize(CATALOG_NAME, properties(database, storageProperties));
    return catalog;
  }

  /** A catalog built from the properties alone, as an external engine would build it. */
  static JdbcCatalog fromProperties(DatabaseUri database, Map<String, String> storageProperties) {
    JdbcCatalog catalog = new JdbcCatalog();
    catalog.initialize(CATALOG_NAME, properties(database, storageProperties));
    return catalog;
  }

  private static Map<String, String> properties(DatabaseUri database, Map<String, String> storage) {
    Map<String, String> properties = new HashMap<>(storage);
    properties.put(CatalogProperties.URI, database.jdbcUrl());
    database.user().ifPresent(user -> properties.put("jdbc.user", user));
    database.password().ifPresent(password -> properties.put("jdbc.password", password));
    properties.put("jdbc.schema-version", "V1");
    return properties;
  }
}
