package io.scouter.archive.api.restcatalog;

/** The {@code pageSize} of the list routes: a whole number from 1 up, checked before Iceberg parses it. */
final class Pages {
  private Pages() {}

  static String size(String text) {
    try {
      if (Integer.parseInt(text.trim()) >= 1) {
        return text.trim();
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("Invalid pageSize: '" + text + "' (accepted: a whole number from 1)");
  }
}
