package io.scouter.archive.api.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * What a stored name and timestamp may be, checked before PostgreSQL sees them so that a bad value
 * is the client's 400 and never the store's error (which would look like an outage).
 *
 * <p>Names are limited in UTF-8 bytes, not characters: a record's unique key holds its four names
 * (space, name, version, feature or metric) in one B-tree entry, and PostgreSQL refuses entries
 * over 2704 bytes (8 kB pages). 4 x 512 bytes plus headers, the timestamp and the value stay below.
 * Timestamps are limited to the years 0001-9999 in UTC, the range PostgreSQL, Parquet readers and
 * the query parameters all handle.
 */
public final class RecordLimits {
  /** Longest accepted name in UTF-8 bytes (512 ASCII characters, 170 CJK characters). */
  public static final int MAX_NAME_BYTES = 512;
  public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
  public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

  private RecordLimits() {}

  /** Why {@code text} cannot be a name, or null when it can. */
  public static String nameProblem(String text) {
    if (text.isBlank()) {
      return "must not be empty";
    }
    if (text.indexOf('\u0000') >= 0) {
      return "must not contain the NUL character";
    }
    int surrogate = unpairedSurrogate(text);
    if (surrogate >= 0) {
      return "contains an unpaired UTF-16 surrogate at character " + surrogate + " (not valid Unicode text)";
    }
    int bytes = text.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_NAME_BYTES) {
      return "must be at most " + MAX_NAME_BYTES + " bytes in UTF-8 (got " + bytes + ")";
    }
    return null;
  }

  /**
   * Whether rows with this name can exist, for lookups: no NUL and at most {@link #MAX_NAME_BYTES}
   * characters. Looser than {@link #nameProblem} on purpose: earlier versions limited characters,
   * not bytes, and their rows must stay readable.
   */
  public static boolean mayBeStored(String name) {
    return name.length() <= MAX_NAME_BYTES && name.indexOf('\u0000') < 0;
  }

  /** Whether {@code instant} is within the stored range. */
  public static boolean inRange(Instant instant) {
    return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
  }

  /** The index of the first high surrogate without its low half or low surrogate without its high half; -1 if none. */
  public static int unpairedSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
        } else {
          return i;
        }
      } else if (Character.isLowSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }
}
