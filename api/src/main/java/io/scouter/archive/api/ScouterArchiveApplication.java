package io.scouter.archive.api;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.CheckCommand;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.util.Duration;
import io.scouter.archive.api.archive.ArchiveLagHealthCheck;
import io.scouter.archive.api.archive.ArchiveLagResource;
import io.scouter.archive.api.archive.ArchiveRunsResource;
import io.scouter.archive.api.audit.AuditRoutes;
import io.scouter.archive.api.auth.AdminPortFilter;
import io.scouter.archive.api.auth.ApiKeys;
import io.scouter.archive.api.auth.DefaultDenyFeature;
import io.scouter.archive.api.cli.ApiKeyCommand;
import io.scouter.archive.api.cli.ArchiveCommand;
import io.scouter.archive.api.cli.MaintainCommand;
import io.scouter.archive.api.cli.RemoveDuplicatesCommand;
import io.scouter.archive.api.cli.ServeCommand;
import io.scouter.archive.api.config.ArchiveFactory;
import io.scouter.archive.api.config.AuthFactory;
import io.scouter.archive.api.config.MaintenanceFactory;
import io.scouter.archive.api.config.ScouterArchiveConfiguration;
import io.scouter.archive.api.core.ArchiveService;
import io.scouter.archive.api.core.FixedDelaySchedule;
import io.scouter.archive.api.drift.MetricsRoutes;
import io.scouter.archive.api.entities.EntitiesResource;
import io.scouter.archive.api.errors.JsonErrorHandlers;
import io.scouter.archive.api.errors.ScouterExceptionMapper;
import io.scouter.archive.api.errors.UnexpectedExceptionMapper;
import io.scouter.archive.api.errors.WebApplicationExceptionMapper;
import io.scouter.archive.api.health.ArchiveHealthCheck;
import io.scouter.archive.api.health.DatabaseHealthCheck;
import io.scouter.archive.api.health.TimeBoundHealthCheck;
import io.scouter.archive.api.ingest.DriftIngestResource;
import io.scouter.archive.api.json.ServiceJson;
import io.scouter.archive.api.limits.RequestBodyRules;
import io.scouter.archive.api.maintenance.MaintenanceResource;
import io.scouter.archive.api.query.ArrowReadTuning;
import io.scouter.archive.api.restcatalog.RestCatalogRoutes;
import io.scouter.archive.api.tasks.ArchiveTask;
import io.scouter.archive.api.tasks.MaintainTask;
import io.scouter.archive.api.tasks.RemoveDuplicatesTask;
import io.scouter.archive.api.web.WebAssets;
import io.scouter.archive.archiver.ArchiveLag;
import io.scouter.archive.archiver.DataArchiver;
import io.scouter.archive.archiver.duplicates.DuplicateRemover;
import io.scouter.archive.archiver.duplicates.RemovalStep;
import io.scouter.archive.archiver.maintenance.ArchiveMaintainer;
import io.scouter.archive.archiver.maintenance.MaintenanceHistory;
import io.scouter.archive.archiver.recordkey.ArchiveKeyCheck;
import io.scouter.archive.archiver.retention.ExpiredRowDeleter;
import io.scouter.archive.archiver.retention.RetentionScheduler;
import io.scouter.archive.archiver.run.ArchiveRunHistory;
import io.scouter.archive.catalog.hotstore.DriftRecordInserter;
import io.scouter.archive.catalog.hotstore.HotStore;
import jakarta.servlet.DispatcherType;
import java.sql.SQLException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Scouter Archive service: ingestion into the hot store, binned reads across hot and archived
 * data, the archive schedule. {@link #run} is the one place where the parts are wired together.
 */
public class ScouterArchiveApplication extends Application<ScouterArchiveConfiguration> {
  private static final Logger LOG = LoggerFactory.getLogger(ScouterArchiveApplication.class);

  public static void main(String[] args) throws Exception {
    ArrowReadTuning.apply();
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
    ServiceJson.configure(bootstrap.getObjectMapper());
  }

  @Override
  protected void addDefaultCommands(Bootstrap<ScouterArchiveConfiguration> bootstrap) {
    bootstrap.addCommand(new ServeCommand<>(this));
    bootstrap.addCommand(new CheckCommand<>(this));
    bootstrap.addCommand(new ArchiveCommand());
    bootstrap.addCommand(new MaintainCommand());
    bootstrap.addCommand(new RemoveDuplicatesCommand());
    bootstrap.addCommand(new ApiKeyCommand());
    addCommands(bootstrap);
  }

  /** More commands, for applications built on this one (the benchmark's adds {@code bench}). */
  protected void addCommands(Bootstrap<ScouterArchiveConfiguration> bootstrap) {}

  @Override
  public void run(ScouterArchiveConfiguration configuration, Environment environment) {
    useOwnErrorShape(configuration, environment);
    wireAuth(configuration.auth(), environment);
    environment.jersey().register(new RequestBodyRules(configuration.ingest().getMaxRequestSize().toBytes()));
    ArchiveService service = ArchiveService.build(configuration, environment);
    HotStore hotStore = service.hotStore();
    environment.healthChecks().register("database", new DatabaseHealthCheck(hotStore.dataSource()));
    environment.healthChecks().register("archive", new ArchiveHealthCheck(service.catalog()));
    environment.jersey().register(new DriftIngestResource(environment.getObjectMapper(),
        new DriftRecordInserter(hotStore.dataSource(), archivedKeyCheck(configuration.archive(), service)), configuration.ingest().getMaxRequestSize().toBytes()));
    MetricsRoutes.register(environment, hotStore, service.catalog(), configuration.limits().scanPermits());
    AuditRoutes.register(environment, service.catalog(), configuration.limits().scanPermits());
    environment.jersey().register(EntitiesResource.create(hotStore.dataSource(), service.catalog()));
    WebAssets.register(environment);
    RestCatalogRoutes.register(configuration.getServerFactory(), environment, service.catalog());
    wireArchiver(configuration.archive(), environment, service);
    wireMaintenance(configuration.maintenance(), environment, service);
    // Last, so that it also bounds the health checks registered above.
    boundHealthChecks(configuration.limits().getHealthCheckTimeout(), environment);
    assembled(service);
  }

  /**
   * Called at the end of {@link #run} with the parts it wired, before the server starts. The
   * benchmark's application keeps them to load rows and time archive passes on the same pool and
   * catalog as the routes; the service itself needs nothing here.
   */
  protected void assembled(ArchiveService service) {}

  /**
   * The admin task, the runs route, lag metric and health check, and (when enabled) the schedule,
   * with the deletion of archived rows by pg_cron when the database has it, by this service otherwise.
   */
  private static void wireArchiver(ArchiveFactory archive, Environment environment, ArchiveService service) {
    ArchiveLag lag = service.lag();
    environment.admin().addTask(new ArchiveTask(service.archiver()));
    environment.admin().addTask(new RemoveDuplicatesTask(
        new DuplicateRemover(service.hotStore().dataSource(), service.catalog(), RemovalStep.Faults.NONE)));
    environment.jersey().register(new ArchiveRunsResource(new ArchiveRunHistory(service.hotStore().dataSource())));
    environment.jersey().register(new ArchiveLagResource(lag, archive.getLagThreshold().toJavaDuration(), Clock.systemUTC()));
    environment.healthChecks().register("archive-lag",
        new ArchiveLagHealthCheck(lag, archive.getLagThreshold().toJavaDuration(), Clock.systemUTC()));
    environment.metrics().register(MetricRegistry.name(DataArchiver.class, "lag-seconds"), (Gauge<Long>) () -> measureQuietly(lag));
    if (!archive.isEnabled()) {
      LOG.info("Archiver schedule is off (archive.enabled / ARCHIVE_ENABLED); POST /tasks/archive still runs a pass");
      return;
    }
    ExpiredRowDeleter deleter = new ExpiredRowDeleter(service.hotStore().dataSource(), service.retention(),
        archive.getRetentionGrace().toJavaDuration());
    boolean byPgCron = deletionByPgCron(new RetentionScheduler(service.hotStore().dataSource(), deleter));
    DataArchiver archiver = service.archiver();
    schedule(environment, "Archive pass", "archive-scheduler", archive.getInitialDelay(), archive.getInterval(), () -> {
      archiver.archive();
      if (!byPgCron) {
        deleter.deleteExpired(Clock.systemUTC().instant());
      }
    });
  }

  /** The admin task, the maintenance history route and (when enabled) the daily schedule. */
  private static void wireMaintenance(MaintenanceFactory maintenance, Environment environment,
      ArchiveService service) {
    ArchiveMaintainer maintainer = service.maintainer(maintenance.settings(), environment.metrics());
    environment.admin().addTask(new MaintainTask(maintainer));
    environment.jersey().register(new MaintenanceResource(new MaintenanceHistory(service.hotStore().dataSource()),
        environment.getObjectMapper()));
    if (!maintenance.isEnabled()) {
      LOG.info("Maintenance schedule is off (maintenance.enabled / MAINTENANCE_ENABLED); POST /tasks/maintain still "
          + "runs a pass");
      return;
    }
    schedule(environment, "Maintenance pass", "maintenance-scheduler", maintenance.getInitialDelay(), maintenance.getInterval(),
        maintainer::maintain);
  }

  private static void schedule(Environment environment, String job, String thread, Duration initialDelay,
      Duration interval, FixedDelaySchedule.Pass pass) {
    ScheduledExecutorService executor = environment.lifecycle().scheduledExecutorService(thread).threads(1).build();
    environment.lifecycle().manage(new FixedDelaySchedule(job, executor, pass, initialDelay.toJavaDuration(),
        interval.toJavaDuration()));
  }

  /** Puts every route of both ports behind the keys (see {@link DefaultDenyFeature}, {@link AdminPortFilter}). */
  private static void wireAuth(AuthFactory auth, Environment environment) {
    ApiKeys active = auth.keys();
    environment.jersey().register(new DefaultDenyFeature(active, auth.reads()));
    environment.admin().addFilter("api-keys", new AdminPortFilter(active, environment.getObjectMapper()))
        .addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), true, "/*");
  }

  /**
   * Re-registers every health check registered so far (ours and any added by other parts) bounded
   * by the timeout, on a pool with a thread per check, so a hung dependency answers unhealthy.
   */
  private static void boundHealthChecks(Duration timeout, Environment environment) {
    HealthCheckRegistry registry = environment.healthChecks();
    int threads = Math.max(1, registry.getNames().size());
    ExecutorService executor = environment.lifecycle().executorService("health-check-%d")
        .minThreads(threads).maxThreads(threads).build();
    for (String name : registry.getNames()) {
      HealthCheck check = registry.getHealthCheck(name);
      registry.unregister(name);
      registry.register(name, new TimeBoundHealthCheck(check, timeout.toJavaDuration(), executor));
    }
  }

  /**
   * Ingestion's check of records old enough that their rows may have been deleted from PostgreSQL:
   * past retention plus the grace (README, "Each record once").
   */
  private static ArchiveKeyCheck archivedKeyCheck(ArchiveFactory archive, ArchiveService service) {
    return new ArchiveKeyCheck(service.catalog()::table,
        service.retention().duration().plus(archive.getRetentionGrace().toJavaDuration()), Clock.systemUTC());
  }

  private static boolean deletionByPgCron(RetentionScheduler scheduler) {
    try {
      if (scheduler.pgCronInstalled()) {
        scheduler.scheduleWithPgCron();
        LOG.info("Deletion of archived rows past retention is scheduled with pg_cron");
        return true;
      }
    } catch (SQLException e) {
      LOG.warn("Cannot schedule the deletion with pg_cron, this service deletes instead: {}", e.getMessage());
    }
    return false;
  }

  private static long measureQuietly(ArchiveLag lag) {
    try {
      return lag.measure(Clock.systemUTC().instant()).toSeconds();
    } catch (SQLException e) {
      return -1;
    }
  }

  /** Dropwizard's default mappers answer in another JSON shape; ours answer {"error", "code"} everywhere. */
  private static void useOwnErrorShape(ScouterArchiveConfiguration configuration, Environment environment) {
    if (configuration.getServerFactory() instanceof AbstractServerFactory serverFactory) {
      serverFactory.setRegisterDefaultExceptionMappers(false);
    }
    environment.jersey().register(new ScouterExceptionMapper());
    environment.jersey().register(new WebApplicationExceptionMapper());
    environment.jersey().register(new UnexpectedExceptionMapper());
    JsonErrorHandlers.install(environment);
  }
}
