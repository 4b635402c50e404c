package io.scouter.archive.api.restcatalog;

import io.dropwizard.core.setup.Environment;
import io.scouter.archive.catalog.iceberg.ArchiveCatalog;

/**
 * Registers the read-only Iceberg REST catalog under {@code /iceberg}, backed by the archive's
 * JdbcCatalog, with the catalog name as the protocol's {@code prefix}. Its GET and HEAD routes
 * are reads (role {@code read} once the service authenticates); everything else is refused.
 */
public final class RestCatalogRoutes {
  private RestCatalogRoutes() {}

  public static void register(Environment environment, ArchiveCatalog catalog) {
    environment.jersey().register(new RestCatalogResource(catalog.catalog(), catalog.name()));
  }
}
