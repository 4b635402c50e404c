package io.scouter.archive.api.metrics;

import java.time.Instant;

/**
 * The moments of SPC values or custom metric values per series (feature or metric) and time bin,
 * fed by both storage sides and turned into the SPC or custom response. A bin straddling the
 * hot/archive boundary receives the PostgreSQL rows and the Iceberg rows and is answered once.
 *
 * <pre>{@code
 * SeriesMoments moments = new SeriesMoments(Binning.of(window, maxDataPoints));
 * moments.add(feature, createdAtMicros, value);   // per hot row, then per Iceberg record
 * moments.mergeAll(group);                          // a scan group's own instance
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

  /**
   * The bins of one series, for a reader whose records come series by series: it looks the
   * series up once per run of its records instead of once per record.
   */
  public Series series(String series) {
    return new Series(bins.series(series));
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

  /** Adds records of one series. */
  public static final class Series {
    private final SeriesBins.Series<MomentsAccumulator> bins;

    private Series(SeriesBins.Series<MomentsAccumulator> bins) {
      this.bins = bins;
    }

    /** Adds one record; it must lie in the window. */
    public void add(long createdAtMicros, double value) {
      bins.binOf(createdAtMicros).add(value);
    }
  }
}
