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

/** The archiver's schedule and limits, and the deletion of archived rows after retention plus grace. */
public final class ArchiveFactory {
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
}
