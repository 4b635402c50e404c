package io.scouter.archive.bench;

import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.scouter.archive.api.config.ScouterArchiveConfiguration;
import io.scouter.archive.api.core.ArchiveService;
import io.scouter.archive.archiver.DataArchiver;
import java.net.URI;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The real service, assembled as the {@code server} command assembles it (environment, bundles,
 * {@code Application.run}, Jetty from the server factory), running in this JVM on free loopback
 * ports, so that every route the application registers, today's and later ones, is measured as it
 * ships. The parts that {@code Application.run} assembled (its pool, catalog and archiver) are the
 * benchmark's handle too, through which it loads rows and runs archive passes.
 */
final class InProcessService implements AutoCloseable {
  private final Server server;
  private final ArchiveService archive;
  private final URI uri;

  private InProcessService(Server server, ArchiveService archive, URI uri) {
    this.server = server;
    this.archive = archive;
    this.uri = uri;
  }

  static InProcessService start(Bootstrap<ScouterArchiveConfiguration> bootstrap,
      ScouterArchiveConfiguration configuration) throws Exception {
    BenchApplication application = (BenchApplication) bootstrap.getApplication();
    Environment environment = new Environment(bootstrap.getApplication().getName(), bootstrap.getObjectMapper(),
        bootstrap.getValidatorFactory(), bootstrap.getMetricRegistry(), bootstrap.getClassLoader(),
        bootstrap.getHealthCheckRegistry(), configuration);
    try {
      configuration.getMetricsFactory().configure(environment.lifecycle(), bootstrap.getMetricRegistry());
      configuration.getServerFactory().configure(environment);
      bootstrap.run(configuration, environment);
      application.run(configuration, environment);
      ArchiveService archive = application.lastAssembled();
      Server server = configuration.getServerFactory().build(environment);
      server.start();
      int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
      return new InProcessService(server, archive, URI.create("http://127.0.0.1:" + port));
    } catch (Exception e) {
      try {
        ArchiveService.stopManaged(environment);
      } catch (Exception stopFailure) {
        e.addSuppressed(stopFailure);
      }
      throw e;
    }
  }

  ArchiveService archive() {
    return archive;
  }

  /** An archiver on the service's own parts, its steps timed by the given clock. */
  DataArchiver archiver(StepClock clock) {
    return archive.archiver(clock);
  }

  /** The application connector, e.g. {@code http://127.0.0.1:40123}. */
  URI uri() {
    return uri;
  }

  /** Stops Jetty, and with it every managed object (pools, catalogs), newest first. */
  @Override
  public void close() throws Exception {
    server.stop();
  }
}
