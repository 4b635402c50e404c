package io.scouter.archive.api.restcatalog;

import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.core.server.SimpleServerFactory;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.scouter.archive.catalog.iceberg.ArchiveCatalog;
import java.util.List;
import org.eclipse.jetty.http.UriCompliance;

/**
 * Registers the read-only Iceberg REST catalog under {@code /iceberg}, backed by the archive's
 * JdbcCatalog, with the catalog name as the protocol's {@code prefix}. Its GET and HEAD routes
 * are reads (role {@code read} once the service authenticates); everything else is refused.
 */
public final class RestCatalogRoutes {
  private RestCatalogRoutes() {}

  public static void register(ServerFactory server, Environment environment, ArchiveCatalog catalog) {
    allowNamespaceSeparator(server);
    environment.jersey().register(new RestCatalogResource(catalog.catalog(), catalog.name()));
  }

  /**
   * Multi-level namespaces travel in one path segment joined by {@code %1F}, the spec's separator;
   * engines use it for metadata tables ({@code spc_drift.snapshots} is first asked for as table
   * {@code snapshots} in namespace {@code scouter%1Fspc_drift}). Jetty 12 refuses encoded control
   * characters in paths by default (400 "Suspicious Path Character", in HTML), so the application
   * connectors accept that one kind of violation; every other URI check stays.
   */
  static void allowNamespaceSeparator(ServerFactory server) {
    List<ConnectorFactory> connectors = server instanceof DefaultServerFactory factory
        ? factory.getApplicationConnectors()
        : server instanceof SimpleServerFactory simple ? List.of(simple.getConnector()) : List.of();
    for (ConnectorFactory connector : connectors) {
      if (connector instanceof HttpConnectorFactory http) {
        UriCompliance current = http.getUriCompliance() == null ? UriCompliance.DEFAULT : http.getUriCompliance();
        http.setUriCompliance(current.with(current.getName() + "+iceberg-namespaces",
            UriCompliance.Violation.SUSPICIOUS_PATH_CHARACTERS));
      }
    }
  }
}
