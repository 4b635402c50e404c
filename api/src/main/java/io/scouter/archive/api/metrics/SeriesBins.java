package io.scouter.archive.api.metrics;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * One accumulator per (series, time bin), keyed by the bin start in microseconds. Both storage
 * sides feed the same instance: a record adds into the bin holding its timestamp, a partial
 * computed elsewhere merges into the bin it names, so a bin split across the sides is one bin.
 * Memory grows with the bins that hold records, never with the records. Not thread-safe.
 */
final class SeriesBins<A> {
  private final Binning binning;
  private final Supplier<A> newAccumulator;
  private final Map<String, Series<A>> bySeries = new HashMap<>();
  // Records arrive series by series, so the previous record's series is usually the next one's.
  private Series<A> lastSeries;

  SeriesBins(Binning binning, Supplier<A> newAccumulator) {
    this.binning = Objects.requireNonNull(binning, "binning");
    this.newAccumulator = newAccumulator;
  }

  Binning binning() {
    return binning;
  }

  /** The bins of one series, for a reader that adds many records of it in a row. */
  Series<A> series(String name) {
    Objects.requireNonNull(name, "series");
    if (lastSeries == null || !lastSeries.name.equals(name)) {
      lastSeries = bySeries.computeIfAbsent(name, key -> new Series<>(key, binning, newAccumulator));
    }
    return lastSeries;
  }

  /** The accumulator of the bin holding a record stored at this microsecond. */
  A binOf(String series, long createdAtMicros) {
    return series(series).binOf(createdAtMicros);
  }

  /** The accumulator of the bin starting here, for a partial aggregate computed elsewhere. */
  A binStartingAt(String series, Instant binStart) {
    long binStartMicros = Micros.floor(binStart);
    if (!Micros.toInstant(binStartMicros).equals(binStart) || !binning.isBinStartInWindow(binStartMicros)) {
      throw new IllegalArgumentException("Invalid bin start: " + binStart + " (not the start of a "
          + binning.widthSeconds() + "-second bin overlapping the window [" + binning.window().begin() + ", "
          + binning.window().end() + "))");
    }
    return series(series).bin(binStartMicros);
  }

  /** Merges every bin of another instance cut the same way, e.g. one filled by a parallel reader. */
  void mergeAll(SeriesBins<A> other, BiConsumer<A, A> mergeInto) {
    if (other == this) {
      throw new IllegalArgumentException("Cannot merge bins into themselves: every value would count twice");
    }
    if (!binning.equals(other.binning)) {
      throw new IllegalArgumentException("Cannot merge bins of " + other.binning + " into bins of " + binning);
    }
    other.bySeries.forEach((name, otherSeries) -> {
      Series<A> target = series(name);
      otherSeries.bins.forEach((binStartMicros, accumulator) -> mergeInto.accept(target.bin(binStartMicros),
          accumulator));
    });
  }

  /** Every bin holding a record: series in natural order, then bins in ascending time. */
  SortedMap<String, SortedMap<Instant, A>> sorted() {
    SortedMap<String, SortedMap<Instant, A>> sorted = new TreeMap<>();
    bySeries.forEach((name, oneSeries) -> {
      SortedMap<Instant, A> byStart = new TreeMap<>();
      oneSeries.bins.forEach((binStartMicros, accumulator) -> byStart.put(Micros.toInstant(binStartMicros),
          accumulator));
      sorted.put(name, Collections.unmodifiableSortedMap(byStart));
    });
    return Collections.unmodifiableSortedMap(sorted);
  }

  /** The bins of one series, keyed by their start in microseconds. */
  static final class Series<A> {
    private final String name;
    private final Binning binning;
    private final Supplier<A> newAccumulator;
    private final Map<Long, A> bins = new HashMap<>();
    // Records arrive in time order within a series, so the previous record's bin is usually the next one's.
    private A lastBin;
    private long lastBinStartMicros;

    private Series(String name, Binning binning, Supplier<A> newAccumulator) {
      this.name = name;
      this.binning = binning;
      this.newAccumulator = newAccumulator;
    }

    /** The accumulator of the bin holding a record stored at this microsecond. */
    A binOf(long createdAtMicros) {
      if (!binning.contains(createdAtMicros)) {
        throw new IllegalArgumentException("Cannot bin a record created at " + Micros.toInstant(createdAtMicros)
            + ": outside the window [" + binning.window().begin() + ", " + binning.window().end() + ")");
      }
      // No overflow: both lie within the window or one bin width before it.
      if (lastBin != null && createdAtMicros >= lastBinStartMicros
          && createdAtMicros - lastBinStartMicros < binning.widthMicros()) {
        return lastBin;
      }
      return bin(binning.binStartMicros(createdAtMicros));
    }

    private A bin(long binStartMicros) {
      if (lastBin == null || binStartMicros != lastBinStartMicros) {
        lastBin = bins.computeIfAbsent(binStartMicros, key -> newAccumulator.get());
        lastBinStartMicros = binStartMicros;
      }
      return lastBin;
    }
  }
}
