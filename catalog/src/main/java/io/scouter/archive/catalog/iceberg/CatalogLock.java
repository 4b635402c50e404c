package io.scouter.archive.catalog.iceberg;

import io.scouter.archive.catalog.settings.DatabaseUri;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A session-level PostgreSQL advisory lock held while the catalog's schema and tables are created.
 * Iceberg's own "create if missing" steps race when two replicas start at once (both see nothing,
 * both create, one fails); under this lock the second one finds the first one's work.
 */
final class CatalogLock implements AutoCloseable {
  /** An arbitrary constant that names "Scouter Archive catalog bootstrap" among advisory locks. */
  private static final long LOCK_KEY = 0x5C0_7E1A_4C41L;

  private final Connection connection;

  private CatalogLock(Connection connection) {
    this.connection = connection;
  }

  static CatalogLock acquire(DatabaseUri database) {
    try {
      Connection connection = DriverManager.getConnection(
          database.jdbcUrl(), database.user().orElse(null), database.password().orElse(null));
      try (Statement statement = connection.createStatement()) {
        statement.execute("SELECT pg_advisory_lock(" + LOCK_KEY + ")");
      } catch (SQLException e) {
        connection.close();
        throw e;
      }
      return new CatalogLock(connection);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot lock the Iceberg catalog for setup: " + e.getMessage(), e);
    }
  }

  void createCatalogSchema() {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA IF NOT EXISTS " + ArchiveCatalog.CATALOG_SCHEMA);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create schema " + ArchiveCatalog.CATALOG_SCHEMA + ": " + e.getMessage(), e);
    }
  }

  /** Closing the session releases the lock, also when the unlock statement is never reached. */
  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      // The session is gone either way, and with it the lock.
    }
  }
}
