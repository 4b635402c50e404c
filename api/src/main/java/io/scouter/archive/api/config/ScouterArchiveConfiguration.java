package io.scouter.archive.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** Everything the service reads from {@code config.yml}, where environment variables fill the values. */
public final class ScouterArchiveConfiguration extends Configuration {
  @Valid
  @NotNull
  private DatabaseFactory database = new DatabaseFactory();

  @Valid
  @NotNull
  private RetentionFactory retention = new RetentionFactory();

  @Valid
  @NotNull
  private IngestFactory ingest = new IngestFactory();

  @Valid
  @NotNull
  private StorageFactory storage = new StorageFactory();

  @Valid
  @NotNull
  private CatalogFactory catalog = new CatalogFactory();

  @Valid
  @NotNull
  private ArchiveFactory archive = new ArchiveFactory();

  @Valid
  @NotNull
  private MaintenanceFactory maintenance = new MaintenanceFactory();

  @JsonProperty("maintenance")
  public MaintenanceFactory maintenance() {
    return maintenance;
  }

  @JsonProperty("maintenance")
  public void setMaintenance(MaintenanceFactory maintenance) {
    this.maintenance = maintenance;
  }

  private AuthFactory auth = new AuthFactory();

  @Valid
  @NotNull
  private LimitsFactory limits = new LimitsFactory();

  @JsonProperty("limits")
  public LimitsFactory limits() {
    return limits;
  }

  @JsonProperty("limits")
  public void setLimits(LimitsFactory limits) {
    this.limits = limits;
  }

  @JsonProperty("auth")
  public AuthFactory auth() {
    return auth;
  }

  @JsonProperty("auth")
  public void setAuth(AuthFactory auth) {
    this.auth = auth;
  }

  @JsonProperty("archive")
  public ArchiveFactory archive() {
    return archive;
  }

  @JsonProperty("archive")
  public void setArchive(ArchiveFactory archive) {
    this.archive = archive;
  }

  @JsonProperty("storage")
  public StorageFactory storage() {
    return storage;
  }

  @JsonProperty("storage")
  public void setStorage(StorageFactory storage) {
    this.storage = storage;
  }

  @JsonProperty("catalog")
  public CatalogFactory catalog() {
    return catalog;
  }

  @JsonProperty("catalog")
  public void setCatalog(CatalogFactory catalog) {
    this.catalog = catalog;
  }

  @JsonProperty("database")
  public DatabaseFactory database() {
    return database;
  }

  @JsonProperty("database")
  public void setDatabase(DatabaseFactory database) {
    this.database = database;
  }

  @JsonProperty("retention")
  public RetentionFactory retention() {
    return retention;
  }

  @JsonProperty("retention")
  public void setRetention(RetentionFactory retention) {
    this.retention = retention;
  }

  @JsonProperty("ingest")
  public IngestFactory ingest() {
    return ingest;
  }

  @JsonProperty("ingest")
  public void setIngest(IngestFactory ingest) {
    this.ingest = ingest;
  }
}
