package io.scouter.archive.api.audit;

/** Whole-number limits of the audit routes' listings. */
final class Limits {
  private Limits() {}

  static int parse(String parameter, String text, int defaultValue, int max) {
    if (text == null || text.isBlank()) {
      return defaultValue;
    }
    try {
      int value = Integer.parseInt(text.trim());
      if (value >= 1 && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw AuditErrors.invalid(parameter, text, "a whole number from 1 to " + max);
  }
}
