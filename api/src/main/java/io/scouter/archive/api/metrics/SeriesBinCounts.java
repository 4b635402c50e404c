package io.scouter.archive.api.metrics;

import java.time.Instant;

/**
 * Summed PSI bin counts per feature, time bin and {@code bin_id}, fed by both storage sides and
 * turned into the PSI response. Counts are exact, so a bin split between PostgreSQL and Iceberg
 * gives the same proportions as the unsplit bin.
 *
 * <pre>{@code
 * SeriesBinCounts counts = new SeriesBinCounts(Binning.of(window, maxDataPoints));
 * counts.merge(feature, binStart, binId, binCountSum);         // per PostgreSQL row
 * counts.add(feature, createdAtMicros, binId, binCount);       // per Iceberg record
 * PsiResult result = counts.psi(reference);
 * }</pre>
 */
public final class SeriesBinCounts {
  private final SeriesBins<BinCountAccumulator> bins;

  public SeriesBinCounts(Binning binning) {
    this.bins = new SeriesBins<>(binning, BinCountAccumulator::new);
  }

  public Binning binning() {
    return bins.binning();
  }

  /** Adds one record; it must lie in the window (readers filter rows, not only files). */
  public void add(String feature, long createdAtMicros, int binId, long binCount) {
    bins.binOf(feature, createdAtMicros).add(binId, binCount);
  }

  public void add(String feature, Instant createdAt, int binId, long binCount) {
    add(feature, Micros.floor(createdAt), binId, binCount);
  }

  /**
   * The bins of one feature, for a reader whose records come feature by feature: it looks the
   * feature up once per run of its records instead of once per record.
   */
  public Feature feature(String feature) {
    return new Feature(bins.series(feature));
  }

  /**
   * Merges the summed count of one {@code bin_id} in the bin starting at {@code binStart}. A sum
   * of 0 still marks the bin as holding records.
   */
  public void merge(String feature, Instant binStart, int binId, long binCountSum) {
    bins.binStartingAt(feature, binStart).add(binId, binCountSum);
  }

  /** Merges everything another instance with the same binning collected. */
  public void mergeAll(SeriesBinCounts other) {
    bins.mergeAll(other.bins, BinCountAccumulator::merge);
  }

  /** The PSI response against the entity's reference profile. */
  public PsiResult psi(PsiReference reference) {
    return PsiResult.from(bins.sorted(), reference);
  }

  /** Adds records of one feature. */
  public static final class Feature {
    private final SeriesBins.Series<BinCountAccumulator> bins;

    private Feature(SeriesBins.Series<BinCountAccumulator> bins) {
      this.bins = bins;
    }

    /** Adds one record; it must lie in the window. */
    public void add(long createdAtMicros, int binId, long binCount) {
      bins.binOf(createdAtMicros).add(binId, binCount);
    }
  }
}
