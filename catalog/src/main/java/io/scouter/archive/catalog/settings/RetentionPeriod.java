package io.scouter.archive.catalog.settings;

import java.time.Duration;

/** How many whole days a record stays hot in PostgreSQL before it is copied to the archive. */
public record RetentionPeriod(int days) {
  public static final String SETTING = "DATA_RETENTION_PERIOD";
  public static final int DEFAULT_DAYS = 60;
  private static final String ACCEPTED = "a whole number of days >= 1, e.g. 60";

  public RetentionPeriod {
    if (days < 1) {
      throw new InvalidSettingException(SETTING, Integer.toString(days), ACCEPTED);
    }
  }

  /** Parses the setting's text; blank means the default. */
  public static RetentionPeriod parse(String text) {
    if (text == null || text.isBlank()) {
      return new RetentionPeriod(DEFAULT_DAYS);
    }
    String trimmed = text.trim();
    try {
      return new RetentionPeriod(Integer.parseInt(trimmed));
    } catch (NumberFormatException e) {
      throw new InvalidSettingException(SETTING, text, ACCEPTED, e);
    }
  }

  public Duration duration() {
    return Duration.ofDays(days);
  }
}
