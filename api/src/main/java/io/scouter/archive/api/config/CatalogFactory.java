package io.scouter.archive.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import io.scouter.archive.catalog.iceberg.ArchiveCatalog;
import io.scouter.archive.catalog.iceberg.CatalogSettings;
import io.scouter.archive.catalog.settings.DatabaseUri;
import io.scouter.archive.catalog.storage.FileIOFactory;
import io.scouter.archive.catalog.storage.StorageSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Iceberg catalog: its name, which every engine reading the tables must use too. */
public final class CatalogFactory {
  private static final Logger LOG = LoggerFactory.getLogger(CatalogFactory.class);

  private CatalogSettings settings = CatalogSettings.parse(null);

  @JsonProperty("name")
  public void setName(String text) {
    this.settings = CatalogSettings.parse(text);
  }

  public CatalogSettings settings() {
    return settings;
  }

  /**
   * Opens the catalog and tries to create or check the drift tables. An object store that cannot
   * be reached is logged, not fatal: ingestion into the hot store must keep working, the archive
   * health check reports the problem, and the tables are created once the store answers.
   */
  public ArchiveCatalog build(Environment environment, DatabaseUri database, StorageSettings storage) {
    ArchiveCatalog catalog = ArchiveCatalog.open(settings, database, storage, new FileIOFactory());
    environment.lifecycle().manage(new Managed() {
      @Override
      public void stop() throws Exception {
        catalog.close();
      }
    });
    try {
      catalog.tables();
    } catch (RuntimeException e) {
      LOG.error("Archive tables are not available yet (warehouse {}): {}", storage.warehouseLocation(), e.toString());
    }
    return catalog;
  }
}
