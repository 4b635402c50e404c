package io.scouter.archive.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import io.scouter.archive.catalog.hotstore.HotStore;
import io.scouter.archive.catalog.settings.DatabaseUri;
import io.scouter.archive.catalog.settings.PoolSize;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.Optional;

/**
 * The hot store's PostgreSQL: the server named by {@code DATABASE_URI}, or, when that is unset, an
 * embedded server this process starts itself. Values are parsed as they are read, so a bad one stops
 * startup with a line naming the setting.
 */
public final class DatabaseFactory {
  private Optional<DatabaseUri> uri = Optional.empty();
  private PoolSize maxPoolSize = PoolSize.parse(null);

  @Valid
  @NotNull
  private EmbeddedDatabaseFactory embedded = new EmbeddedDatabaseFactory();

  @JsonProperty("uri")
  public void setUri(String text) {
    this.uri = DatabaseUri.parse(text);
  }

  public Optional<DatabaseUri> uri() {
    return uri;
  }

  @JsonProperty("maxPoolSize")
  public void setMaxPoolSize(String text) {
    this.maxPoolSize = PoolSize.parse(text);
  }

  public PoolSize maxPoolSize() {
    return maxPoolSize;
  }

  @JsonProperty("embedded")
  public EmbeddedDatabaseFactory embedded() {
    return embedded;
  }

  @JsonProperty("embedded")
  public void setEmbedded(EmbeddedDatabaseFactory embedded) {
    this.embedded = embedded;
  }

  /**
   * Opens the hot store (starting the embedded server first when no URI is set) and ties both to
   * the service's lifecycle, so the pool closes before the server stops.
   */
  public HotStore build(Environment environment) {
    DatabaseUri target = uri.orElseGet(() -> embedded.start(environment));
    HotStore hotStore = HotStore.open(target, maxPoolSize);
    environment.lifecycle().manage(new Managed() {
      @Override
      public void stop() {
        hotStore.close();
      }
    });
    return hotStore;
  }
}
