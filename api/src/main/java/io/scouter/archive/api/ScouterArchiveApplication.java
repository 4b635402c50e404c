package io.scouter.archive.api;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.CheckCommand;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.scouter.archive.api.cli.ArchiveCommand;
import io.scouter.archive.api.cli.ServeCommand;
import io.scouter.archive.api.config.ScouterArchiveConfiguration;
import io.scouter.archive.api.core.ArchiveService;
import io.scouter.archive.api.drift.MetricsRoutes;
import io.scouter.archive.api.errors.ScouterExceptionMapper;
import io.scouter.archive.api.errors.UnexpectedExceptionMapper;
import io.scouter.archive.api.errors.WebApplicationExceptionMapper;
import io.scouter.archive.api.health.ArchiveHealthCheck;
import io.scouter.archive.api.health.DatabaseHealthCheck;
import io.scouter.archive.api.ingest.DriftIngestResource;
import io.scouter.archive.catalog.hotstore.DriftRecordInserter;
import io.scouter.archive.catalog.hotstore.HotStore;

/** The Scouter Archive service: ingestion into the hot store, and (later) reads across hot and archive. */
public final class ScouterArchiveApplication extends Application<ScouterArchiveConfiguration> {

  public static void main(String[] args) throws Exception {
    new ScouterArchiveApplication().run(args);
  }

  @Override
  public String getName() {
    return "scouter-archive";
  }

  @Override
  public void initialize(Bootstrap<ScouterArchiveConfiguration> bootstrap) {
    // Unset variables fall back to the defaults written in config.yml (${VAR:-default}).
    bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
        bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
    // Instants as ISO-8601 text in every response (archive runs, errors), as the drift routes write them.
    bootstrap.getObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  }

  @Override
  protected void addDefaultCommands(Bootstrap<ScouterArchiveConfiguration> bootstrap) {
    bootstrap.addCommand(new ServeCommand<>(this));
    bootstrap.addCommand(new CheckCommand<>(this));
    bootstrap.addCommand(new ArchiveCommand());
  }

  @Override
  public void run(ScouterArchiveConfiguration configuration, Environment environment) {
    useOwnErrorShape(configuration, environment);
    ArchiveService service = ArchiveService.build(configuration, environment);
    HotStore hotStore = service.hotStore();
    environment.healthChecks().register("database", new DatabaseHealthCheck(hotStore.dataSource()));
    environment.healthChecks().register("archive", new ArchiveHealthCheck(service.catalog()));
    environment.jersey().register(new DriftIngestResource(environment.getObjectMapper(),
        new DriftRecordInserter(hotStore.dataSource()), configuration.ingest().getMaxRequestSize().toBytes()));
    MetricsRoutes.register(environment, hotStore, service.catalog());
    configuration.archive().register(environment, service);
  }

  /** Dropwizard's default mappers answer in another JSON shape; ours answer {"error", "code"} everywhere. */
  private static void useOwnErrorShape(ScouterArchiveConfiguration configuration, Environment environment) {
    if (configuration.getServerFactory() instanceof AbstractServerFactory serverFactory) {
      serverFactory.setRegisterDefaultExceptionMappers(false);
    }
    environment.jersey().register(new ScouterExceptionMapper());
    environment.jersey().register(new WebApplicationExceptionMapper());
    environment.jersey().register(new UnexpectedExceptionMapper());
  }
}
