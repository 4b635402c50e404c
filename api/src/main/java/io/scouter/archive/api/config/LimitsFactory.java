package io.scouter.archive.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import io.scouter.archive.api.health.TimeBoundHealthCheck;
import io.scouter.archive.api.limits.ScanPermits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** Per-request resource limits: concurrent archive scans, and how long a health check may take. */
public final class LimitsFactory {
  @Min(1)
  @Max(1000)
  private int maxConcurrentScans = 8;

  @NotNull
  @MaxDuration(value = 60, unit = TimeUnit.SECONDS)
  private Duration scanQueueWait = Duration.seconds(2);

  @NotNull
  @MinDuration(value = 100, unit = TimeUnit.MILLISECONDS)
  @MaxDuration(value = 30, unit = TimeUnit.SECONDS)
  private Duration healthCheckTimeout = Duration.seconds(3);

  @JsonProperty
  public int getMaxConcurrentScans() {
    return maxConcurrentScans;
  }

  @JsonProperty
  public void setMaxConcurrentScans(int maxConcurrentScans) {
    this.maxConcurrentScans = maxConcurrentScans;
  }

  @JsonProperty
  public Duration getScanQueueWait() {
    return scanQueueWait;
  }

  @JsonProperty
  public void setScanQueueWait(Duration scanQueueWait) {
    this.scanQueueWait = scanQueueWait;
  }

  @JsonProperty
  public Duration getHealthCheckTimeout() {
    return healthCheckTimeout;
  }

  @JsonProperty
  public void setHealthCheckTimeout(Duration healthCheckTimeout) {
    this.healthCheckTimeout = healthCheckTimeout;
  }

  public ScanPermits scanPermits() {
    return new ScanPermits(maxConcurrentScans, scanQueueWait.toJavaDuration());
  }

  /**
   * Re-registers every health check registered so far (ours and any added by other parts) bounded
   * by the timeout: call it last in {@code run}. One thread per check, since each has at most one
   * run in flight and a hanging one must not hold up the others.
   */
  public void boundHealthChecks(Environment environment) {
    HealthCheckRegistry registry = environment.healthChecks();
    int threads = Math.max(1, registry.getNames().size());
    ExecutorService executor = environment.lifecycle().executorService("health-check-%d")
        .minThreads(threads).maxThreads(threads).build();
    for (String name : registry.getNames()) {
      HealthCheck check = registry.getHealthCheck(name);
      registry.unregister(name);
      registry.register(name, new TimeBoundHealthCheck(check, healthCheckTimeout.toJavaDuration(), executor));
    }
  }
}
