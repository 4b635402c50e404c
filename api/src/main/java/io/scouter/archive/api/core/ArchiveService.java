package io.scouter.archive.api.core;

import io.dropwizard.core.setup.Environment;
import io.scouter.archive.api.config.ScouterArchiveConfiguration;
import io.scouter.archive.archiver.ArchiveLag;
import io.scouter.archive.archiver.DataArchiver;
import io.scouter.archive.archiver.run.ArchiveFaults;
import io.scouter.archive.archiver.write.CopyRunFileWriter;
import io.scouter.archive.catalog.hotstore.HotStore;
import io.scouter.archive.catalog.iceberg.ArchiveCatalog;
import io.scouter.archive.catalog.settings.RetentionPeriod;
import io.scouter.archive.catalog.storage.StorageSettings;
import java.time.Clock;

/**
 * The service's storage and archive components, built from configuration and tied to the
 * environment's lifecycle: the same assembly for the HTTP server and the {@code archive} command.
 */
public final class ArchiveService {
  private final HotStore hotStore;
  private final ArchiveCatalog catalog;
  private final DataArchiver archiver;
  private final RetentionPeriod retention;

  private ArchiveService(HotStore hotStore, ArchiveCatalog catalog, DataArchiver archiver, RetentionPeriod retention) {
    this.hotStore = hotStore;
    this.catalog = catalog;
    this.archiver = archiver;
    this.retention = retention;
  }

  public static ArchiveService build(ScouterArchiveConfiguration configuration, Environment environment) {
    StorageSettings storage = configuration.storage().build();
    RetentionPeriod retention = configuration.retention().period();
    HotStore hotStore = configuration.database().build(environment);
    ArchiveCatalog catalog = configuration.catalog().build(environment, hotStore.uri(), storage);
    DataArchiver archiver = new DataArchiver(hotStore.dataSource(), catalog, configuration.archive().settings(retention),
        new CopyRunFileWriter(), ArchiveFaults.NONE, Clock.systemUTC(),
        environment.metrics());
    return new ArchiveService(hotStore, catalog, archiver, retention);
  }

  public HotStore hotStore() {
    return hotStore;
  }

  public ArchiveCatalog catalog() {
    return catalog;
  }

  public DataArchiver archiver() {
    return archiver;
  }

  public RetentionPeriod retention() {
    return retention;
  }

  public ArchiveLag lag() {
    return new ArchiveLag(hotStore.dataSource(), retention);
  }
}
