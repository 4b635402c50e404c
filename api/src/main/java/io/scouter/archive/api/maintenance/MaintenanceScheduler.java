package io.scouter.archive.api.maintenance;

import io.dropwizard.lifecycle.Managed;
import io.scouter.archive.archiver.maintenance.ArchiveMaintainer;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a maintenance pass at a fixed delay (daily by default); a failed pass never cancels the schedule. */
public final class MaintenanceScheduler implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(MaintenanceScheduler.class);

  private final ScheduledExecutorService executor;
  private final ArchiveMaintainer maintainer;
  private final Duration initialDelay;
  private final Duration interval;

  public MaintenanceScheduler(ScheduledExecutorService executor, ArchiveMaintainer maintainer, Duration initialDelay,
      Duration interval) {
    this.executor = executor;
    this.maintainer = maintainer;
    this.initialDelay = initialDelay;
    this.interval = interval;
  }

  @Override
  public void start() {
    executor.scheduleWithFixedDelay(this::runOnce, initialDelay.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    LOG.info("Table maintenance scheduled every {} after {}", interval, initialDelay);
  }

  void runOnce() {
    try {
      maintainer.maintain();
    } catch (Exception | LinkageError e) {
      LOG.error("Maintenance pass failed; the next one runs in {}", interval, e);
    }
  }
}
