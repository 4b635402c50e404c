package io.scouter.archive.api.health;

import com.codahale.metrics.health.HealthCheck;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a health check on its own thread and answers "unhealthy" after a timeout, so that a store
 * that hangs (an unreachable object store took 44 s) never holds {@code /healthcheck} longer than
 * that. While an earlier run still hangs, no new one is started: the answer is unhealthy at once.
 */
public final class TimeBoundHealthCheck extends HealthCheck {
  private final HealthCheck delegate;
  private final Duration timeout;
  private final ExecutorService executor;
  private Future<Result> running;

  public TimeBoundHealthCheck(HealthCheck delegate, Duration timeout, ExecutorService executor) {
    this.delegate = delegate;
    this.timeout = timeout;
    this.executor = executor;
  }

  @Override
  protected Result check() throws InterruptedException {
    Future<Result> run;
    synchronized (this) {
      if (running != null && !running.isDone()) {
        return Result.unhealthy("The previous check has not answered yet (timeout " + timeout.toSeconds() + " s)");
      }
      running = executor.submit(delegate::execute);
      run = running;
    }
    try {
      return run.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return Result.unhealthy("Did not answer within " + timeout.toMillis() + " ms");
    } catch (ExecutionException e) {
      return Result.unhealthy("Check failed: " + e.getCause().getClass().getSimpleName());
    }
  }
}
