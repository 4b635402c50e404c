package io.scouter.archive.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.scouter.archive.catalog.settings.DatabaseUri;
import io.scouter.archive.catalog.settings.PoolSize;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.Optional;

/**
 * The hot store's PostgreSQL: the server named by {@code DATABASE_URI}, or, when that is blank, an
 * embedded server this process starts itself.
 */
public final class DatabaseFactory {
  /** {@code postgresql://user:password@host:5432/database}; blank starts the embedded server. */
  @NotNull
  private String uri = "";

  @Min(1)
  @Max(PoolSize.MAXIMUM_CONNECTIONS)
  private int maxPoolSize = PoolSize.DEFAULT_CONNECTIONS;

  @Valid
  @NotNull
  private EmbeddedDatabaseFactory embedded = new EmbeddedDatabaseFactory();

  @JsonProperty
  public String getUri() {
    return uri;
  }

  @JsonProperty
  public void setUri(String uri) {
    this.uri = uri == null ? "" : uri;
  }

  @JsonProperty
  public int getMaxPoolSize() {
    return maxPoolSize;
  }

  @JsonProperty
  public void setMaxPoolSize(int maxPoolSize) {
    this.maxPoolSize = maxPoolSize;
  }

  @JsonProperty
  public EmbeddedDatabaseFactory getEmbedded() {
    return embedded;
  }

  @JsonProperty
  public void setEmbedded(EmbeddedDatabaseFactory embedded) {
    this.embedded = embedded;
  }

  /** The server to use, empty for the embedded one; an unusable URI fails naming {@code DATABASE_URI}. */
  public Optional<DatabaseUri> databaseUri() {
    return DatabaseUri.parse(uri);
  }

  public PoolSize poolSize() {
    return new PoolSize(maxPoolSize);
  }
}
