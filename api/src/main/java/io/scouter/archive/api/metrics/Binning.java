package io.scouter.archive.api.metrics;

import java.time.Instant;
import java.util.Objects;

/**
 * How a window is cut into time bins, the one definition both storage sides use.
 *
 * <p>Width in whole seconds = max(1, floor(window seconds / max data points)); a record stored at
 * {@code t} falls in the bin starting at epoch + floor((t - epoch) / width) * width (UTC), like
 * PostgreSQL {@code date_bin(width, created_at, '1970-01-01 00:00:00+00')}. Everything is exact
 * integer arithmetic in microseconds, with floor division so instants before the epoch bin the
 * same way. A bin is labelled by its start, which may lie before the window's begin.
 */
public final class Binning {
  private final TimeWindow window;
  private final long widthSeconds;
  private final long widthMicros;
  private final long beginMicros;
  private final long endMicros;
  private final long firstBinStartMicros;

  private Binning(TimeWindow window, long widthSeconds) {
    this.window = window;
    this.widthSeconds = widthSeconds;
    this.widthMicros = widthSeconds * Micros.PER_SECOND;
    this.beginMicros = window.beginMicros();
    this.endMicros = window.endMicros();
    // The first bin may start before the window; multiplyExact makes sure its start is representable.
    this.firstBinStartMicros = Math.multiplyExact(Math.floorDiv(beginMicros, widthMicros), widthMicros);
  }

  /** Cuts the window into at most about {@code maxDataPoints} bins of whole seconds. */
  public static Binning of(TimeWindow window, int maxDataPoints) {
    Objects.requireNonNull(window, "window");
    if (maxDataPoints < 1) {
      throw new IllegalArgumentException("Invalid max_data_points: " + maxDataPoints + " (must be at least 1)");
    }
    // floor(length / (points * 1 s)) is exactly floor(window seconds / points), fractions included.
    long widthSeconds = Math.max(1, window.lengthMicros() / (maxDataPoints * Micros.PER_SECOND));
    return new Binning(window, widthSeconds);
  }

  public TimeWindow window() {
    return window;
  }

  public long widthSeconds() {
    return widthSeconds;
  }

  long widthMicros() {
    return widthMicros;
  }

  /** Whether a record stored at this microsecond falls in the window. */
  public boolean contains(long createdAtMicros) {
    return createdAtMicros >= beginMicros && createdAtMicros < endMicros;
  }

  /** The start of the bin holding a record stored at this microsecond. */
  public long binStartMicros(long createdAtMicros) {
    return Math.floorDiv(createdAtMicros, widthMicros) * widthMicros;
  }

  /** The start of the bin holding a record; sub-microsecond digits are dropped as storage drops them. */
  public Instant binStart(Instant createdAt) {
    return Micros.toInstant(binStartMicros(Micros.floor(createdAt)));
  }

  /**
   * Whether a bin starting here is one of this binning's bins that overlaps the window, which a
   * partial aggregate computed elsewhere (by SQL {@code date_bin}) must be.
   */
  public boolean isBinStartInWindow(long binStartMicros) {
    return Math.floorMod(binStartMicros, widthMicros) == 0
        && binStartMicros < endMicros
        && binStartMicros >= firstBinStartMicros;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Binning that && window.equals(that.window) && widthSeconds == that.widthSeconds;
  }

  @Override
  public int hashCode() {
    return Objects.hash(window, widthSeconds);
  }

  @Override
  public String toString() {
    return "Binning[window=" + window + ", widthSeconds=" + widthSeconds + "]";
  }
}
