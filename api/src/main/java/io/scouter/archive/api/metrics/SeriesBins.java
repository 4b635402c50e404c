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
  private final Map<String, Map<Long, A>> bins = new HashMap<>();
  // Records arrive mostly in time order, so the previous record's bin is usually the next one's.
  private String lastSeries;
  private long lastBinStartMicros;
  private A lastBin;

  SeriesBins(Binning binning, Supplier<A> newAccumulator) {
    this.binning = Objects.requireNonNull(binning, "binning");
    this.newAccumulator = newAccumulator;
  }

  Binning binning() {
    return binning;
  }

  /** The accumulator of the bin holding a record stored at this microsecond. */
  A binOf(String series, long createdAtMicros) {
    if (!binning.contains(createdAtMicros)) {
      throw new IllegalArgumentException("Cannot bin a record created at " + Micros.toInstant(createdAtMicros)
          + ": outside the window [" + binning.window().begin() + ", " + binning.window().end() + ")");
    }
    return bin(series, binning.binStartMicros(createdAtMicros));
  }

  /** The accumulator of the bin starting here, for a partial aggregate computed elsewhere. */
  A binStartingAt(String series, Instant binStart) {
    long binStartMicros = Micros.floor(binStart);
    if (!Micros.toInstant(binStartMicros).equals(binStart) || !binning.isBinStartInWindow(binStartMicros)) {
      throw new IllegalArgumentException("Invalid bin start: " + binStart + " (not the start of a "
          + binning.widthSeconds() + "-second bin overlapping the window [" + binning.window().begin() + ", "
          + binning.window().end() + "))");
    }
    return bin(series, binStartMicros);
  }

  /** Merges every bin of another instance cut the same way, e.g. one filled by a parallel reader. */
  void mergeAll(SeriesBins<A> other, BiConsumer<A, A> mergeInto) {
    if (other == this) {
      throw new IllegalArgumentException("Cannot merge bins into themselves: every value would count twice");
    }
    if (!binning.equals(other.binning)) {
      throw new IllegalArgumentException("Cannot merge bins of " + other.binning + " into bins of " + binning);
    }
    other.bins.forEach((series, seriesBins) -> seriesBins.forEach(
        (binStartMicros, accumulator) -> mergeInto.accept(bin(series, binStartMicros), accumulator)));
  }

  /** Every bin holding a record: series in natural order, then bins in ascending time. */
  SortedMap<String, SortedMap<Instant, A>> sorted() {
    SortedMap<String, SortedMap<Instant, A>> sorted = new TreeMap<>();
    bins.forEach((series, seriesBins) -> {
      SortedMap<Instant, A> byStart = new TreeMap<>();
      seriesBins.forEach((binStartMicros, accumulator) -> byStart.put(Micros.toInstant(binStartMicros), accumulator));
      sorted.put(series, Collections.unmodifiableSortedMap(byStart));
    });
    return Collections.unmodifiableSortedMap(sorted);
  }

  private A bin(String series, long binStartMicros) {
    Objects.requireNonNull(series, "series");
    if (lastBin != null && binStartMicros == lastBinStartMicros && series.equals(lastSeries)) {
      return lastBin;
    }
    A bin = bins.computeIfAbsent(series, key -> new HashMap<>())
        .computeIfAbsent(binStartMicros, key -> newAccumulator.get());
    lastSeries = series;
    lastBinStartMicros = binStartMicros;
    lastBin = bin;
    return bin;
  }
}
