package io.scouter.archive.catalog.iceberg;

import io.scouter.archive.catalog.drift.DriftTableDefinition;
import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.catalog.settings.DatabaseUri;
import io.scouter.archive.catalog.storage.FileIOFactory;
import io.scouter.archive.catalog.storage.StorageSettings;
import java.io.IOException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.jdbc.JdbcCatalog;

/**
 * The archive's Iceberg catalog: a {@link JdbcCatalog} whose tables live in schema {@code iceberg}
 * of the hot store's PostgreSQL, with the warehouse under {@code SCOUTER_STORAGE_URI}. External
 * engines attach with {@link #engineProperties()} and the same catalog name.
 *
 * <p>Opening does not touch the object store; the drift tables are created (or checked) by
 * {@link #tables()}, so a store that is down does not keep the service from taking in data.
 */
public final class ArchiveCatalog implements AutoCloseable {
  /** PostgreSQL schema holding Iceberg's {@code iceberg_tables} and {@code iceberg_namespace_properties}. */
  public static final String CATALOG_SCHEMA = "iceberg";
  /** Catalog tables in the V1 layout, which every engine of Iceberg ≥ 1.7 reads and writes. */
  public static final String JDBC_SCHEMA_VERSION = "V1";

  private final CatalogSettings settings;
  private final DatabaseUri database;
  private final Map<String, String> storageProperties;
  private final JdbcCatalog catalog;
  private volatile Map<DriftType, Table> tables;

  private ArchiveCatalog(CatalogSettings settings, DatabaseUri database, Map<String, String> storageProperties,
      JdbcCatalog catalog) {
    this.settings = settings;
    this.database = database;
    this.storageProperties = storageProperties;
    this.catalog = catalog;
  }

  /** Connects the catalog; creates its schema and tables in PostgreSQL when they are missing. */
  public static ArchiveCatalog open(CatalogSettings settings, DatabaseUri database, StorageSettings storage,
      FileIOFactory fileIOs) {
    Map<String, String> storageProperties = fileIOs.catalogProperties(storage);
    FileIO io = fileIOs.create(storage);
    try (CatalogLock lock = CatalogLock.acquire(database)) {
      lock.createCatalogSchema();
      JdbcCatalog catalog = new JdbcCatalog(properties -> io, null, true);
      catalog.initialize(settings.name(), catalogProperties(database, storageProperties));
      return new ArchiveCatalog(settings, database, storageProperties, catalog);
    } catch (RuntimeException e) {
      io.close();
      throw e;
    }
  }

  private static Map<String, String> catalogProperties(DatabaseUri database, Map<String, String> storage) {
    Map<String, String> properties = new LinkedHashMap<>(storage);
    properties.put(CatalogProperties.URI, catalogJdbcUrl(database));
    database.user().ifPresent(user -> properties.put("jdbc.user", user));
    database.password().ifPresent(password -> properties.put("jdbc.password", password));
    properties.put("jdbc.schema-version", JDBC_SCHEMA_VERSION);
    return properties;
  }

  /** The hot store's URL with {@code currentSchema=iceberg}, so Iceberg's tables land in their own schema. */
  static String catalogJdbcUrl(DatabaseUri database) {
    String url = database.jdbcUrl();
    return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + CATALOG_SCHEMA;
  }

  /**
   * The drift tables, created on first use with their fixed definitions, or checked against them
   * when they exist. Safe when several processes start at once (a PostgreSQL advisory lock).
   */
  public Map<DriftType, Table> tables() {
    Map<DriftType, Table> loaded = tables;
    if (loaded == null) {
      synchronized (this) {
        loaded = tables;
        if (loaded == null) {
          loaded = createOrCheckTables();
          tables = loaded;
        }
      }
    }
    return loaded;
  }

  public Table table(DriftType type) {
    return tables().get(type);
  }

  @SuppressWarnings("try") // the lock is held for the block's duration and never used in it
  private Map<DriftType, Table> createOrCheckTables() {
    try (CatalogLock ignored = CatalogLock.acquire(database)) {
      DriftTableBootstrap bootstrap = new DriftTableBootstrap(catalog);
      Map<DriftType, Table> created = new EnumMap<>(DriftType.class);
      for (DriftType type : DriftType.values()) {
        created.put(type, bootstrap.createOrCheck(DriftTableDefinition.of(type)));
      }
      return Map.copyOf(created);
    }
  }

  /**
   * Asks the catalog and the object store whether they answer, cheaply: each table's pointer is
   * read from the catalog (one query) and its current metadata file looked up in the store (one
   * HEAD request). Returns the problem, or empty when both answer.
   */
  public Optional<String> probe() {
    try {
      for (Table table : tables().values()) {
        table.refresh();
        String metadata = ((HasTableOperations) table).operations().current().metadataFileLocation();
        if (!table.io().newInputFile(metadata).exists()) {
          return Optional.of("Cannot find the current metadata of " + table.name() + " at " + metadata);
        }
      }
      return Optional.empty();
    } catch (RuntimeException e) {
      return Optional.of("Cannot reach the archive: " + describe(e));
    }
  }

  private static String describe(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == failure ? failure.toString() : failure.getMessage() + " (cause: " + root + ")";
  }

  public JdbcCatalog catalog() {
    return catalog;
  }

  public String name() {
    return settings.name();
  }

  /**
   * What an external engine needs besides credentials: the catalog's JDBC URI (with the schema),
   * warehouse and FileIO settings. The password is left out; engines get it from their own config.
   */
  public Map<String, String> engineProperties() {
    Map<String, String> properties = new LinkedHashMap<>(storageProperties);
    properties.put(CatalogProperties.URI, catalogJdbcUrl(database));
    properties.put("jdbc.schema-version", JDBC_SCHEMA_VERSION);
    return properties;
  }

  @Override
  public void close() throws IOException {
    catalog.close();
  }
}
