package io.scouter.archive.api.core;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import io.scouter.archive.api.config.DatabaseFactory;
import io.scouter.archive.api.config.ScouterArchiveConfiguration;
import io.scouter.archive.archiver.ArchiveLag;
import io.scouter.archive.archiver.ArchiverSettings;
import io.scouter.archive.archiver.DataArchiver;
import io.scouter.archive.archiver.maintenance.ArchiveMaintainer;
import io.scouter.archive.archiver.maintenance.MaintenanceFaults;
import io.scouter.archive.archiver.maintenance.MaintenanceSettings;
import io.scouter.archive.archiver.run.ArchiveFaults;
import io.scouter.archive.archiver.watermark.ArchiveState;
import io.scouter.archive.archiver.write.CopyRunFileWriter;
import io.scouter.archive.catalog.hotstore.HotStore;
import io.scouter.archive.catalog.hotstore.embedded.EmbeddedPostgres;
import io.scouter.archive.catalog.hotstore.embedded.EmbeddedPostgresOptions;
import io.scouter.archive.catalog.iceberg.ArchiveCatalog;
import io.scouter.archive.catalog.settings.DatabaseUri;
import io.scouter.archive.catalog.settings.RetentionPeriod;
import io.scouter.archive.catalog.storage.FileIOFactory;
import io.scouter.archive.catalog.storage.StorageSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's storage and archive components, built from configuration and tied to the
 * environment's lifecycle (so the pool closes before the embedded server stops): the one assembly
 * behind the HTTP server, the {@code archive} command and the benchmark.
 */
public record ArchiveService(HotStore hotStore, ArchiveCatalog catalog, ArchiverSettings settings,
    DataArchiver archiver, RetentionPeriod retention) {
  private static final Logger LOG = LoggerFactory.getLogger(ArchiveService.class);
  private static final String EMBEDDED_DATABASE = "postgres";

  public static ArchiveService build(ScouterArchiveConfiguration configuration, Environment environment) {
    StorageSettings storage = configuration.storage().settings();
    RetentionPeriod retention = configuration.retention().period();
    DatabaseFactory database = configuration.database();
    DatabaseUri target = database.databaseUri().orElseGet(() -> startEmbedded(database, environment));
    HotStore hotStore = HotStore.open(target, database.poolSize());
    environment.lifecycle().manage(stopping(hotStore::close));
    requireWatermarkOfThisCluster(hotStore);
    ArchiveCatalog catalog = openCatalog(configuration, environment, hotStore.uri(), storage);
    ArchiverSettings settings = configuration.archive().settings(retention);
    DataArchiver archiver = new DataArchiver(hotStore.dataSource(), catalog, settings, new CopyRunFileWriter(),
        ArchiveFaults.NONE, Clock.systemUTC(), environment.metrics());
    return new ArchiveService(hotStore, catalog, settings, archiver, retention);
  }

  /** Nothing may write to the hot tables while a restored watermark would misjudge their rows. */
  private static void requireWatermarkOfThisCluster(HotStore hotStore) {
    try (Connection connection = hotStore.dataSource().getConnection()) {
      ArchiveState.requireTakenInThisCluster(connection);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot check the hot store's archive state: " + e.getMessage(), e);
    }
  }

  private static DatabaseUri startEmbedded(DatabaseFactory database, Environment environment) {
    EmbeddedPostgres server = EmbeddedPostgres.start(EmbeddedPostgresOptions.of(
        Path.of(database.getEmbedded().getDataDirectory()).toAbsolutePath().normalize())
        .withPort(database.getEmbedded().getPort()));
    environment.lifecycle().manage(stopping(server::close));
    LOG.info("Embedded PostgreSQL for engines (127.0.0.1 only, database {}, user {}, password in {}): {}",
        EMBEDDED_DATABASE, server.superuser(), server.secretFile(), server.jdbcUrl(EMBEDDED_DATABASE));
    return DatabaseUri.of(server.jdbcUrl(EMBEDDED_DATABASE), server.superuser(), server.password());
  }

  /**
   * Opens the catalog and tries to create or check the drift tables. An object store that cannot
   * be reached is logged, not fatal: ingestion into the hot store must keep working, the archive
   * health check reports the problem, and the tables are created once the store answers.
   */
  private static ArchiveCatalog openCatalog(ScouterArchiveConfiguration configuration, Environment environment,
      DatabaseUri database, StorageSettings storage) {
    ArchiveCatalog catalog = ArchiveCatalog.open(configuration.catalog().settings(), database, storage,
        new FileIOFactory());
    environment.lifecycle().manage(stopping(catalog::close));
    try {
      catalog.tables();
    } catch (RuntimeException e) {
      LOG.error("Archive tables are not available yet (warehouse {}): {}", storage.warehouseLocation(), e.toString());
    }
    return catalog;
  }

  private interface Stop {
    void stop() throws Exception;
  }

  private static Managed stopping(Stop stop) {
    return new Managed() {
      @Override
      public void stop() throws Exception {
        stop.stop();
      }
    };
  }

  /**
   * Stops what {@link #build} and the wiring registered, newest first, so the embedded server
   * (registered first) stops last: for commands that run no Jetty server, which would do it
   * otherwise. Each is started first (a no-op for ours) to be stoppable; every failure is kept.
   */
  public static void stopManaged(Environment environment) throws Exception {
    List<LifeCycle> managed = new ArrayList<>(environment.lifecycle().getManagedObjects());
    Collections.reverse(managed);
    Exception failure = null;
    for (LifeCycle lifeCycle : managed) {
      try {
        if (!lifeCycle.isStarted()) {
          lifeCycle.start();
        }
        lifeCycle.stop();
      } catch (Exception e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * Another archiver on the same parts, observed step by step through {@code steps} (the
   * benchmark's timer); its metrics go to a registry of its own.
   */
  public DataArchiver archiver(ArchiveFaults steps) {
    return new DataArchiver(hotStore.dataSource(), catalog, settings, new CopyRunFileWriter(), steps,
        Clock.systemUTC(), new MetricRegistry());
  }

  /** The table maintainer on the same parts, with the maintenance settings of the configuration. */
  public ArchiveMaintainer maintainer(MaintenanceSettings maintenance, MetricRegistry metrics) {
    return new ArchiveMaintainer(hotStore.dataSource(), catalog, maintenance, ArchiveMaintainer.standardSteps(),
        MaintenanceFaults.NONE, Clock.systemUTC(), metrics);
  }

  public ArchiveLag lag() {
    return new ArchiveLag(hotStore.dataSource(), retention);
  }
}
