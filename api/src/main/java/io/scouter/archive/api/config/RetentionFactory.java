package io.scouter.archive.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.scouter.archive.catalog.settings.RetentionPeriod;

/** How long records stay hot: {@code DATA_RETENTION_PERIOD} days. */
public final class RetentionFactory {
  private RetentionPeriod period = RetentionPeriod.parse(null);

  @JsonProperty("period")
  public void setPeriod(String text) {
    this.period = RetentionPeriod.parse(text);
  }

  public RetentionPeriod period() {
    return period;
  }
}
