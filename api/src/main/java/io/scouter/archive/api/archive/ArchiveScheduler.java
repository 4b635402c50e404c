package io.scouter.archive.api.archive;

import io.dropwizard.lifecycle.Managed;
import io.scouter.archive.archiver.DataArchiver;
import io.scouter.archive.archiver.retention.ExpiredRowDeleter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an archive pass, then (unless pg_cron does it) the deletion of archived expired rows, at a
 * fixed delay. Each run catches everything, so one failed pass never cancels the schedule.
 */
public final class ArchiveScheduler implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(ArchiveScheduler.class);

  private final ScheduledExecutorService executor;
  private final DataArchiver archiver;
  private final ExpiredRowDeleter deleter;
  private final Duration initialDelay;
  private final Duration interval;

  /** @param deleter null when pg_cron deletes */
  public ArchiveScheduler(ScheduledExecutorService executor, DataArchiver archiver, ExpiredRowDeleter deleter,
      Duration initialDelay, Duration interval) {
    this.executor = executor;
    this.archiver = archiver;
    this.deleter = deleter;
    this.initialDelay = initialDelay;
    this.interval = interval;
  }

  @Override
  public void start() {
    executor.scheduleWithFixedDelay(this::runOnce, initialDelay.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    LOG.info("Archiver scheduled every {} after {}", interval, initialDelay);
  }

  void runOnce() {
    try {
      archiver.archive();
      if (deleter != null) {
        deleter.deleteExpired(Clock.systemUTC().instant());
      }
    } catch (Exception | LinkageError e) {
      LOG.error("Archive pass failed; the next one runs in {}", interval, e);
    }
  }
}
