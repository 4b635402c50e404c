package io.scouter.archive.api.health;

import com.codahale.metrics.health.HealthCheck;
import io.scouter.archive.catalog.iceberg.ArchiveCatalog;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Table;

/**
 * Healthy when the Iceberg catalog and the object store both answer: each table's pointer is read
 * from the catalog (one query), and its current metadata file is looked up in the store (one HEAD
 * request). Wrong credentials or an unreachable store make it unhealthy with the store's message.
 */
public final class ArchiveHealthCheck extends HealthCheck {
  private final ArchiveCatalog catalog;

  public ArchiveHealthCheck(ArchiveCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  protected Result check() {
    try {
      for (Table table : catalog.tables().values()) {
        table.refresh();
        String metadata = ((HasTableOperations) table).operations().current().metadataFileLocation();
        if (!table.io().newInputFile(metadata).exists()) {
          return Result.unhealthy("Cannot find the current metadata of " + table.name() + " at " + metadata);
        }
      }
      return Result.healthy("Catalog " + catalog.name() + " and its object store answer");
    } catch (RuntimeException e) {
      return Result.unhealthy("Cannot reach the archive: " + describe(e));
    }
  }

  private static String describe(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == failure ? failure.toString() : failure.getMessage() + " (cause: " + root + ")";
  }
}
