package io.scouter.archive.api.metrics;

import java.time.Instant;

/**
 * Instants as whole microseconds since the epoch, the precision PostgreSQL and Iceberg store, so
 * that binning is exact integer arithmetic. Every conversion fails rather than overflow.
 */
final class Micros {
  static final long PER_SECOND = 1_000_000L;
  private static final long NANOS_PER_MICRO = 1_000L;

  private Micros() {}

  /** The microsecond holding the instant (rounded toward the past), as a record timestamp is stored. */
  static long floor(Instant instant) {
    try {
      return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), PER_SECOND),
          instant.getNano() / NANOS_PER_MICRO);
    } catch (ArithmeticException overflow) {
      throw new IllegalArgumentException("Invalid instant: " + instant + " (out of the microsecond range)", overflow);
    }
  }

  /**
   * The first whole microsecond at or after the instant. A window bound rounded this way admits
   * exactly the microsecond timestamps that the unrounded bound admits.
   */
  static long ceiling(Instant instant) {
    long floor = floor(instant);
    return instant.getNano() % NANOS_PER_MICRO == 0 ? floor : Math.addExact(floor, 1);
  }

  static Instant toInstant(long micros) {
    return Instant.EPOCH.plusSeconds(Math.floorDiv(micros, PER_SECOND))
        .plusNanos(Math.floorMod(micros, PER_SECOND) * NANOS_PER_MICRO);
  }
}
