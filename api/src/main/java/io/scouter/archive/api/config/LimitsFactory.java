package io.scouter.archive.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import io.scouter.archive.api.limits.ScanPermits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
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
}
