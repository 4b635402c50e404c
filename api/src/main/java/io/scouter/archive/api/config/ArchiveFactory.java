package io.scouter.archive.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import io.scouter.archive.archiver.ArchiverSettings;
import io.scouter.archive.catalog.settings.RetentionPeriod;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.dropwizard.core.setup.Environment;
import io.scouter.archive.api.archive.ArchiveLagHealthCheck;
import io.scouter.archive.api.archive.ArchiveLagResource;
import io.scouter.archive.api.archive.ArchiveRunsResource;
import io.scouter.archive.api.archive.ArchiveScheduler;
import io.scouter.archive.api.core.ArchiveService;
import io.scouter.archive.api.tasks.ArchiveTask;
import io.scouter.archive.api.tasks.RemoveDuplicatesTask;
import io.scouter.archive.archiver.ArchiveLag;
import io.scouter.archive.archiver.DataArchiver;
import io.scouter.archive.archiver.duplicates.DuplicateRemover;
import io.scouter.archive.archiver.duplicates.RemovalStep;
import io.scouter.archive.archiver.retention.ExpiredRowDeleter;
import io.scouter.archive.archiver.retention.RetentionScheduler;
import io.scouter.archive.archiver.run.ArchiveRunHistory;
import io.scouter.archive.catalog.recordkey.ArchiveKeyCheck;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The archiver's schedule and limits, and the deletion of archived rows after retention plus grace. */
public final class ArchiveFactory {
  private static final Logger LOG = LoggerFactory.getLogger(ArchiveFactory.class);

  private boolean enabled = true;

  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.SECONDS)
  private Duration interval = Duration.hours(1);

  @NotNull
  private Duration initialDelay = Duration.minutes(1);

  @Min(1)
  private long maxRowsPerRun = ArchiverSettings.DEFAULT_MAX_ROWS_PER_RUN;

  @Min(1)
  @Max(10_000)
  private int maxRunsPerPass = ArchiverSettings.DEFAULT_MAX_RUNS_PER_PASS;

  @NotNull
  private Duration retentionGrace = Duration.days(7);

  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.MINUTES)
  private Duration lagThreshold = Duration.hours(6);

  @JsonProperty
  public boolean isEnabled() {
    return enabled;
  }

  @JsonProperty
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  @JsonProperty
  public Duration getInterval() {
    return interval;
  }

  @JsonProperty
  public void setInterval(Duration interval) {
    this.interval = interval;
  }

  @JsonProperty
  public Duration getInitialDelay() {
    return initialDelay;
  }

  @JsonProperty
  public void setInitialDelay(Duration initialDelay) {
    this.initialDelay = initialDelay;
  }

  @JsonProperty
  public long getMaxRowsPerRun() {
    return maxRowsPerRun;
  }

  @JsonProperty
  public void setMaxRowsPerRun(long maxRowsPerRun) {
    this.maxRowsPerRun = maxRowsPerRun;
  }

  @JsonProperty
  public int getMaxRunsPerPass() {
    return maxRunsPerPass;
  }

  @JsonProperty
  public void setMaxRunsPerPass(int maxRunsPerPass) {
    this.maxRunsPerPass = maxRunsPerPass;
  }

  @JsonProperty
  public Duration getRetentionGrace() {
    return retentionGrace;
  }

  @JsonProperty
  public void setRetentionGrace(Duration retentionGrace) {
    this.retentionGrace = retentionGrace;
  }

  @JsonProperty
  public Duration getLagThreshold() {
    return lagThreshold;
  }

  @JsonProperty
  public void setLagThreshold(Duration lagThreshold) {
    this.lagThreshold = lagThreshold;
  }

  public ArchiverSettings settings(RetentionPeriod retention) {
    return new ArchiverSettings(retention, maxRowsPerRun, maxRunsPerPass);
  }

  /**
   * Ingestion's check of records old enough that their rows may have been deleted from PostgreSQL:
   * past retention plus this factory's grace (README, "Ingestion").
   */
  public ArchiveKeyCheck archivedKeyCheck(ArchiveService service) {
    return new ArchiveKeyCheck(service.catalog()::table,
        service.retention().duration().plus(retentionGrace.toJavaDuration()), Clock.systemUTC());
  }

  /**
   * Registers everything around the archiver: the admin task, the runs route, lag metric and health
   * check, and (when enabled) the schedule, with the deletion of archived rows by pg_cron when the
   * database has it, by this service otherwise.
   */
  public void register(Environment environment, ArchiveService service) {
    ArchiveLag lag = service.lag();
    environment.admin().addTask(new ArchiveTask(service.archiver()));
    environment.admin().addTask(new RemoveDuplicatesTask(
        new DuplicateRemover(service.hotStore().dataSource(), service.catalog(), RemovalStep.Faults.NONE)));
    environment.jersey().register(new ArchiveRunsResource(new ArchiveRunHistory(service.hotStore().dataSource())));
    environment.jersey().register(new ArchiveLagResource(lag, lagThreshold.toJavaDuration(), Clock.systemUTC()));
    environment.healthChecks().register("archive-lag",
        new ArchiveLagHealthCheck(lag, lagThreshold.toJavaDuration(), Clock.systemUTC()));
    environment.metrics().register(MetricRegistry.name(DataArchiver.class, "lag-seconds"),
        (Gauge<Long>) () -> measureQuietly(lag));
    if (!enabled) {
      LOG.info("Archiver schedule is off (archive.enabled / ARCHIVE_ENABLED); POST /tasks/archive still runs a pass");
      return;
    }
    ExpiredRowDeleter deleter = new ExpiredRowDeleter(service.hotStore().dataSource(), service.retention(),
        retentionGrace.toJavaDuration());
    ScheduledExecutorService executor = environment.lifecycle().scheduledExecutorService("archive-scheduler").threads(1)
        .build();
    environment.lifecycle().manage(new ArchiveScheduler(executor, service.archiver(),
        deletionByPgCron(service, deleter) ? null : deleter, initialDelay.toJavaDuration(), interval.toJavaDuration()));
  }

  private static boolean deletionByPgCron(ArchiveService service, ExpiredRowDeleter deleter) {
    RetentionScheduler scheduler = new RetentionScheduler(service.hotStore().dataSource(), deleter);
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
}
