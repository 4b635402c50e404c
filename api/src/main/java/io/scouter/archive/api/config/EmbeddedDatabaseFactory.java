package io.scouter.archive.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import io.scouter.archive.catalog.hotstore.embedded.EmbeddedPostgres;
import io.scouter.archive.catalog.hotstore.embedded.EmbeddedPostgresOptions;
import io.scouter.archive.catalog.settings.DatabaseUri;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import java.nio.file.Path;

/** The PostgreSQL server started in-process when {@code DATABASE_URI} is unset. */
public final class EmbeddedDatabaseFactory {
  public static final String DATABASE = "postgres";

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

  DatabaseUri start(Environment environment) {
    EmbeddedPostgres server = EmbeddedPostgres.start(
        EmbeddedPostgresOptions.of(Path.of(dataDirectory).toAbsolutePath().normalize()).withPort(port));
    environment.lifecycle().manage(new Managed() {
      @Override
      public void stop() {
        server.close();
      }
    });
    return DatabaseUri.of(server.jdbcUrl(DATABASE), server.superuser(), server.password());
  }
}
