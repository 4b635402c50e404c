package io.scouter.archive.api.health;

import com.codahale.metrics.health.HealthCheck;
import io.scouter.archive.catalog.iceberg.ArchiveCatalog;

/**
 * Healthy when the Iceberg catalog and the object store both answer (see {@link ArchiveCatalog#probe}).
 * Wrong credentials or an unreachable store make it unhealthy with the store's message.
 */
public final class ArchiveHealthCheck extends HealthCheck {
  private final ArchiveCatalog catalog;

  public ArchiveHealthCheck(ArchiveCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  protected Result check() {
    return catalog.probe()
        .map(Result::unhealthy)
        .orElseGet(() -> Result.healthy("Catalog " + catalog.name() + " and its object store answer"));
  }
}
