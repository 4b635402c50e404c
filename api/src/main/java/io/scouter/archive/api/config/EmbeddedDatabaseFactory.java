package io.scouter.archive.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;

/** The PostgreSQL server started in-process when {@code DATABASE_URI} is unset. */
public final class EmbeddedDatabaseFactory {
  /** The database engines connect to on the embedded server. */
  public static final String DATABASE = "postgres";
  /** The default port on 127.0.0.1: outside Linux's ephemeral range, next to PostgreSQL's 5432. */
  public static final int DEFAULT_PORT = 15432;

  @NotEmpty
  private String dataDirectory = "./scouter-data";

  @Min(0)
  @Max(65535)
  private int port = DEFAULT_PORT;

  @JsonProperty
  public String getDataDirectory() {
    return dataDirectory;
  }

  @JsonProperty
  public void setDataDirectory(String dataDirectory) {
    this.dataDirectory = dataDirectory;
  }

  /** The port on 127.0.0.1; 0 chooses a free port at every start. */
  @JsonProperty
  public int getPort() {
    return port;
  }

  @JsonProperty
  public void setPort(int port) {
    this.port = port;
  }
}
