package io.scouter.archive.api.core;

import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one background job (the archive pass, the maintenance pass) at a fixed delay on its own
 * executor. Each run catches everything, so one failed pass never cancels the schedule.
 */
public record FixedDelaySchedule(String job, ScheduledExecutorService executor, FixedDelaySchedule.Pass pass,
    Duration initialDelay, Duration interval) implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(FixedDelaySchedule.class);

  /** One pass of the job. */
  public interface Pass {
    void run() throws Exception;
  }

  @Override
  public void start() {
    executor.scheduleWithFixedDelay(this::runOnce, initialDelay.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    LOG.info("{} scheduled every {} after {}", job, interval, initialDelay);
  }

  void runOnce() {
    try {
      pass.run();
    } catch (Exception | LinkageError e) {
      LOG.error("{} failed; the next one runs in {}", job, interval, e);
    }
  }
}
