package io.scouter.archive.api.metrics;

import java.time.Instant;
import java.util.Objects;

/**
 * The span a drift query covers: {@code begin} inclusive, {@code end} exclusive, both whole
 * microseconds (the storage precision), begin strictly before end.
 *
 * <p>Bounds finer than a microsecond are rounded up to the next microsecond; since stored
 * timestamps are whole microseconds, the rounded window admits exactly the same records. Nothing
 * here reads the clock: callers pass {@code now}, so answers are reproducible in tests.
 */
public record TimeWindow(Instant begin, Instant end) {
  public TimeWindow {
    Objects.requireNonNull(begin, "begin");
    Objects.requireNonNull(end, "end");
    begin = Micros.toInstant(Micros.ceiling(begin));
    end = Micros.toInstant(Micros.ceiling(end));
    if (!begin.isBefore(end)) {
      throw new IllegalArgumentException("Invalid window: begin " + begin + " must be before end " + end);
    }
  }

  /** {@code [now - interval, now)}: the window of a {@code time_interval} request. */
  public static TimeWindow last(TimeInterval interval, Instant now) {
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(now, "now");
    return new TimeWindow(now.minus(interval.length()), now);
  }

  /** {@code [begin, end)}: the window of a request with both custom datetimes. */
  public static TimeWindow between(Instant begin, Instant end) {
    return new TimeWindow(begin, end);
  }

  /**
   * The window of a {@code DriftRequest}: both custom datetimes replace the interval; neither
   * means the interval ({@link TimeInterval#DEFAULT} when null). Only one of the two is rejected
   * rather than silently ignored, because the caller clearly meant a custom window.
   */
  public static TimeWindow forRequest(TimeInterval interval, Instant beginCustom, Instant endCustom, Instant now) {
    if (beginCustom != null && endCustom != null) {
      return between(beginCustom, endCustom);
    }
    if (beginCustom != null || endCustom != null) {
      throw new IllegalArgumentException("Invalid custom window: begin_custom_datetime and end_custom_datetime "
          + "must be given together (got only " + (beginCustom != null ? "begin" : "end") + ")");
    }
    return last(interval == null ? TimeInterval.DEFAULT : interval, now);
  }

  public long beginMicros() {
    return Micros.floor(begin);
  }

  public long endMicros() {
    return Micros.floor(end);
  }

  public long lengthMicros() {
    return Math.subtractExact(endMicros(), beginMicros());
  }

  /** Whether a record stored at this microsecond falls in the window. */
  public boolean contains(long micros) {
    return micros >= beginMicros() && micros < endMicros();
  }
}
