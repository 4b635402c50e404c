package io.scouter.archive.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;

/** The PostgreSQL server started in-process when {@code DATABASE_URI} is unset. */
public final class EmbeddedDatabaseFactory {
  @NotEmpty
  private String dataDirectory = "./scouter-data";

  @Min(0)
  @Max(65535)
  private int port;

  @JsonProperty
  public String getDataDirectory() {
    return dataDirectory;
  }

  @JsonProperty
  public void setDataDirectory(String dataDirectory) {
    this.dataDirectory = dataDirectory;
  }

  /** 0 chooses a free port at every start. */
  @JsonProperty
  public int getPort() {
    return port;
  }

  @JsonProperty
  public void setPort(int port) {
    this.port = port;
  }
}
