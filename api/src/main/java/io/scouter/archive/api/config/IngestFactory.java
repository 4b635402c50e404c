package io.scouter.archive.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import io.dropwizard.validation.MaxDataSize;
import io.dropwizard.validation.MinDataSize;
import jakarta.validation.constraints.NotNull;

/** Limits of the ingestion route. */
public final class IngestFactory {
  /** 32 MiB holds about 200,000 records of the original client; larger bodies get 413. */
  @NotNull
  @MinDataSize(1024)
  @MaxDataSize(1024L * 1024 * 1024)
  private DataSize maxRequestSize = DataSize.mebibytes(32);

  @JsonProperty
  public DataSize getMaxRequestSize() {
    return maxRequestSize;
  }

  @JsonProperty
  public void setMaxRequestSize(DataSize maxRequestSize) {
    this.maxRequestSize = maxRequestSize;
  }
}
