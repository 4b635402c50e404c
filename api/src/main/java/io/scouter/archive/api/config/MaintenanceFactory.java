package io.scouter.archive.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDataSize;
import io.dropwizard.validation.MinDuration;
import io.scouter.archive.archiver.maintenance.MaintenanceSettings;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/** Table maintenance (README, "Maintenance"): its schedule, what it keeps, and how much it rewrites. */
public final class MaintenanceFactory {
  private boolean enabled = true;

  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.MINUTES)
  private Duration interval = Duration.hours(24);

  @NotNull
  private Duration initialDelay = Duration.minutes(30);

  @NotNull
  private Duration auditWindow = Duration.days(90);

  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.DAYS)
  private Duration orphanMargin = Duration.days(3);

  @NotNull
  @MinDataSize(value = 1, unit = io.dropwizard.util.DataSizeUnit.MEBIBYTES)
  private DataSize targetFileSize = DataSize.mebibytes(128);

  @Min(2)
  private int manifestThreshold = MaintenanceSettings.DEFAULT_MANIFEST_THRESHOLD;

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
  public Duration getAuditWindow() {
    return auditWindow;
  }

  @JsonProperty
  public void setAuditWindow(Duration auditWindow) {
    this.auditWindow = auditWindow;
  }

  @JsonProperty
  public Duration getOrphanMargin() {
    return orphanMargin;
  }

  @JsonProperty
  public void setOrphanMargin(Duration orphanMargin) {
    this.orphanMargin = orphanMargin;
  }

  @JsonProperty
  public DataSize getTargetFileSize() {
    return targetFileSize;
  }

  @JsonProperty
  public void setTargetFileSize(DataSize targetFileSize) {
    this.targetFileSize = targetFileSize;
  }

  @JsonProperty
  public int getManifestThreshold() {
    return manifestThreshold;
  }

  @JsonProperty
  public void setManifestThreshold(int manifestThreshold) {
    this.manifestThreshold = manifestThreshold;
  }

  public MaintenanceSettings settings() {
    return new MaintenanceSettings(auditWindow.toJavaDuration(), orphanMargin.toJavaDuration(),
        targetFileSize.toBytes(), MaintenanceSettings.DEFAULT_MIN_SMALL_FILES, manifestThreshold);
  }
}
