package io.scouter.archive.catalog.hotstore;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.catalog.settings.DatabaseUri;
import io.scouter.archive.catalog.settings.PoolSize;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL hot store: a connection pool whose sessions work in schema {@code scouter}, with the
 * schema brought to the latest version by Flyway before anyone uses it.
 */
public final class HotStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HotStore.class);
  static final String MIGRATIONS = "classpath:db/hotstore";

  private final DatabaseUri uri;
  private final HikariDataSource dataSource;

  private HotStore(DatabaseUri uri, HikariDataSource dataSource) {
    this.uri = uri;
    this.dataSource = dataSource;
  }

  /** Opens the pool and migrates the schema; fails fast when the server cannot be reached. */
  public static HotStore open(DatabaseUri uri, PoolSize poolSize) {
    migrate(uri);
    return new HotStore(uri, new HikariDataSource(poolConfig(uri, poolSize)));
  }

  private static HikariConfig poolConfig(DatabaseUri uri, PoolSize poolSize) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("scouter-hot-store");
    config.setJdbcUrl(uri.jdbcUrl());
    uri.user().ifPresent(config::setUsername);
    uri.password().ifPresent(config::setPassword);
    config.setMaximumPoolSize(poolSize.connections());
    config.setMinimumIdle(Math.min(2, poolSize.connections()));
    config.setSchema(DriftType.SCHEMA);
    // Binary transfer of timestamps and doubles; UTC sessions so date arithmetic never depends on the server.
    config.addDataSourceProperty("options", "-c TimeZone=UTC");
    config.addDataSourceProperty("ApplicationName", "scouter-archive");
    return config;
  }

  /** Migrates over connections of its own: Flyway needs two at once, more than a pool of one allows. */
  private static void migrate(DatabaseUri uri) {
    MigrateResult result = Flyway.configure()
        .dataSource(uri.jdbcUrl(), uri.user().orElse(null), uri.password().orElse(null))
        .schemas(DriftType.SCHEMA)
        .createSchemas(true)
        .locations(MIGRATIONS)
        .load()
        .migrate();
    if (result.migrationsExecuted > 0) {
      LOG.info("Hot store schema {} migrated to version {} ({} migrations applied)",
          DriftType.SCHEMA, result.targetSchemaVersion, result.migrationsExecuted);
    } else {
      LOG.info("Hot store schema {} is up to date", DriftType.SCHEMA);
    }
  }

  /** The server this store connects to; the Iceberg catalog lives there too. */
  public DatabaseUri uri() {
    return uri;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
