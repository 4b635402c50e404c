package io.scouter.archive.bench;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.scouter.archive.api.config.ScouterArchiveConfiguration;
import io.scouter.archive.api.core.ArchiveService;
import io.scouter.archive.archiver.DataArchiver;
import io.scouter.archive.archiver.write.CopyRunFileWriter;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * The real service, assembled as the {@code server} command assembles it (environment, bundles,
 * {@code Application.run}, Jetty from the server factory), running in this JVM on free loopback
 * ports, so that every route the application registers, today's and later ones, is measured as it
 * ships. Next to it, the benchmark's own handle on the same database and catalog
 * ({@link ArchiveService#build}), through which it loads rows and runs archive passes.
 */
final class InProcessService implements AutoCloseable {
  private final Server server;
  private final ArchiveService archive;
  private final ScouterArchiveConfiguration configuration;
  private final URI uri;

  private InProcessService(Server server, ArchiveService archive, ScouterArchiveConfiguration configuration,
      URI uri) {
    this.server = server;
    this.archive = archive;
    this.configuration = configuration;
    this.uri = uri;
  }

  static InProcessService start(Bootstrap<ScouterArchiveConfiguration> bootstrap,
      ScouterArchiveConfiguration configuration) throws Exception {
    Environment environment = new Environment(bootstrap.getApplication().getName(), bootstrap.getObjectMapper(),
        bootstrap.getValidatorFactory(), bootstrap.getMetricRegistry(), bootstrap.getClassLoader(),
        bootstrap.getHealthCheckRegistry(), configuration);
    try {
      configuration.getMetricsFactory().configure(environment.lifecycle(), bootstrap.getMetricRegistry());
      configuration.getServerFactory().configure(environment);
      bootstrap.run(configuration, environment);
      ArchiveService archive = ArchiveService.build(configuration, environment);
      bootstrap.getApplication().run(configuration, environment);
      Server server = configuration.getServerFactory().build(environment);
      server.start();
      int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
      return new InProcessService(server, archive, configuration, URI.create("http://127.0.0.1:" + port));
    } catch (Exception e) {
      stopManaged(environment, e);
      throw e;
    }
  }

  ArchiveService archive() {
    return archive;
  }

  /**
   * An archiver assembled exactly as {@link ArchiveService#build} assembles the service's, except that
   * its step hook is the given clock, so a pass can be timed step by step.
   */
  DataArchiver archiver(StepClock clock) {
    return new DataArchiver(archive.hotStore().dataSource(), archive.catalog(),
        configuration.archive().settings(archive.retention()), new CopyRunFileWriter(),
        clock, Clock.systemUTC(), new MetricRegistry());
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

  /** Startup failed before Jetty owned the managed objects: stop them here, newest first. */
  private static void stopManaged(Environment environment, Exception failure) {
    List<LifeCycle> managed = new ArrayList<>(environment.lifecycle().getManagedObjects());
    Collections.reverse(managed);
    for (LifeCycle lifeCycle : managed) {
      try {
        if (!lifeCycle.isStarted()) {
          lifeCycle.start();
        }
        lifeCycle.stop();
      } catch (Exception e) {
        failure.addSuppressed(e);
      }
    }
  }
}
