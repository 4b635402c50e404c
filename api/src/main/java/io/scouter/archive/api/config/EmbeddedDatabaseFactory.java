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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server started in-process when {@code DATABASE_URI} is unset. Its port is fixed
 * by default so that engines (Trino, Spark, psql) keep one connection line across restarts; the
 * line is logged at startup.
 */
public final class EmbeddedDatabaseFactory {
  public static final String DATABASE = "postgres";
  /** The default port on 127.0.0.1: outside Linux's ephemeral range, next to PostgreSQL's 5432. */
  public static final int DEFAULT_PORT = 15432;
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabaseFactory.class);

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

  DatabaseUri start(Environment environment) {
    EmbeddedPostgres server = EmbeddedPostgres.start(
        EmbeddedPostgresOptions.of(Path.of(dataDirectory).toAbsolutePath().normalize()).withPort(port));
    environment.lifecycle().manage(new Managed() {
      @Override
      public void stop() {
        server.close();
      }
    });
    LOG.info("Embedded PostgreSQL for engines (127.0.0.1 only, database {}, user {}, password in {}): {}",
        DATABASE, server.superuser(), server.secretFile(), server.jdbcUrl(DATABASE));
    return DatabaseUri.of(server.jdbcUrl(DATABASE), server.superuser(), server.password());
  }
}
