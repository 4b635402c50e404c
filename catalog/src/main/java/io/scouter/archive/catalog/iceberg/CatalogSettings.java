package io.scouter.archive.catalog.iceberg;

import io.scouter.archive.catalog.settings.InvalidSettingException;

/**
 * The Iceberg catalog's name. It is stored in every row of the catalog tables, so every engine that
 * reads these tables (Trino, Spark) must use the same one.
 */
public record CatalogSettings(String name) {
  public static final String SETTING = "SCOUTER_CATALOG_NAME";
  public static final String DEFAULT_NAME = "scouter";
  public static final String NAME_PATTERN = "[A-Za-z][A-Za-z0-9_]{0,62}";

  public CatalogSettings {
    if (name == null || !name.matches(NAME_PATTERN)) {
      throw new InvalidSettingException(SETTING, String.valueOf(name),
          "a letter followed by up to 62 letters, digits or underscores, e.g. scouter");
    }
  }

  public static CatalogSettings parse(String text) {
    return new CatalogSettings(text == null || text.isBlank() ? DEFAULT_NAME : text.trim());
  }
}
