package io.scouter.archive.api.auth;

import io.scouter.archive.catalog.settings.InvalidSettingException;
import java.util.Locale;

/** Whether read routes need a key with the {@code read} role ({@code keys}) or none ({@code open}). */
public enum ReadAccess {
  KEYS,
  OPEN;

  public static final String SETTING = "auth.reads (SCOUTER_AUTH_READS)";

  public static ReadAccess parse(String text) {
    if (text == null || text.isBlank()) {
      return KEYS;
    }
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException(SETTING, text, "keys (the default) or open", e);
    }
  }
}
