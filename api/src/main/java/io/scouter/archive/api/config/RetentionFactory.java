package io.scouter.archive.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.scouter.archive.catalog.settings.RetentionPeriod;
import jakarta.validation.constraints.Min;

/** How long records stay hot: {@code DATA_RETENTION_PERIOD} whole days. */
public final class RetentionFactory {
  @Min(1)
  private int period = RetentionPeriod.DEFAULT_DAYS;

  @JsonProperty
  public int getPeriod() {
    return period;
  }

  @JsonProperty
  public void setPeriod(int period) {
    this.period = period;
  }

  public RetentionPeriod period() {
    return new RetentionPeriod(period);
  }
}
