package io.scouter.archive.api.metrics;

import java.time.Instant;

/**
 * The moments of SPC values or custom metric values per series (feature or metric) and time bin,
 * fed by both storage sides and turned into the SPC or custom response. A bin straddling the
 * hot/archive boundary receives the PostgreSQL partial and the Iceberg rows and is answered once.
 *
 * <pre>{@code
 * SeriesMoments moments = new SeriesMoments(Binning.of(window, maxDataPoints));
 * moments.merge(feature, binStart, MomentsAccumulator.ofScaledSums(...)); // per PostgreSQL row
 * moments.add(feature, createdAtMicros, value);                          // per Iceberg record
 * SpcResult result = moments.spc();
 * }</pre>
 */
public final class SeriesMoments {
  private final SeriesBins<MomentsAccumulator> bins;

  public SeriesMoments(Binning binning) {
    this.bins = new SeriesBins<>(binning, MomentsAccumulator::new);
  }

  public Binning binning() {
    return bins.binning();
  }

  /** Adds one record; it must lie in the window (readers filter rows, not only files). */
  public void add(String series, long createdAtMicros, double value) {
    bins.binOf(series, createdAtMicros).add(value);
  }

  public void add(String series, Instant createdAt, double value) {
    add(series, Micros.floor(createdAt), value);
  }

  /** Merges a partial of the bin starting at {@code binStart}, which must be one of this binning's bins. */
  public void merge(String series, Instant binStart, MomentsAccumulator partial) {
    bins.binStartingAt(series, binStart).merge(partial);
  }

  /** Merges everything another instance with the same binning collected. */
  public void mergeAll(SeriesMoments other) {
    bins.mergeAll(other.bins, MomentsAccumulator::merge);
  }

  /** The SPC response: the mean of each bin. */
  public SpcResult spc() {
    return SpcResult.from(bins.sorted());
  }

  /** The custom metric response: mean and mean -/+ sample standard deviation of each bin. */
  public CustomResult custom() {
    return CustomResult.from(bins.sorted());
  }
}
