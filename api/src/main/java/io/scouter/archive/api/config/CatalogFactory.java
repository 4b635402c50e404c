package io.scouter.archive.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.scouter.archive.catalog.iceberg.CatalogSettings;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** The Iceberg catalog: its name, which every engine reading the tables must use too. */
public final class CatalogFactory {
  @NotNull
  @Pattern(regexp = CatalogSettings.NAME_PATTERN, message = "must be a letter, then letters, digits or _ (at most 63)")
  private String name = CatalogSettings.DEFAULT_NAME;

  @JsonProperty
  public String getName() {
    return name;
  }

  @JsonProperty
  public void setName(String name) {
    this.name = name;
  }

  public CatalogSettings settings() {
    return new CatalogSettings(name);
  }
}
