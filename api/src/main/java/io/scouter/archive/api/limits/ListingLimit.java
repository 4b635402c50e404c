package io.scouter.archive.api.limits;

import io.scouter.archive.api.errors.ErrorCategory;
import io.scouter.archive.api.errors.ScouterException;
import java.util.Map;

/** The {@code limit} parameter of the listing routes (runs, maintenance passes, snapshots). */
public final class ListingLimit {
  private ListingLimit() {}

  /** The whole number in {@code text}, {@code defaultValue} when absent; 400 outside 1..{@code max}. */
  public static int parse(String parameter, String text, int defaultValue, int max) {
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
    throw new ScouterException("invalid_parameter", ErrorCategory.USER_ERROR, 400,
        "Invalid " + parameter + ": '" + text + "' (accepted: a whole number from 1 to " + max + ")",
        Map.of("parameter", parameter));
  }
}
