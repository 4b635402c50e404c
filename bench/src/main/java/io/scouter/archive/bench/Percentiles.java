package io.scouter.archive.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Nearest-rank percentiles: the p-th percentile of n samples is the sample at rank ⌈p/100 · n⌉ in
 * ascending order, always a value that was measured (no interpolation between runs).
 */
final class Percentiles {
  private Percentiles() {}

  static Duration of(List<Duration> samples, double percentile) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("Cannot take a percentile of no samples");
    }
    if (!(percentile > 0 && percentile <= 100)) {
      throw new IllegalArgumentException("Invalid percentile: " + percentile + " (must be in (0, 100])");
    }
    List<Duration> sorted = new ArrayList<>(samples);
    Collections.sort(sorted);
    int rank = (int) Math.ceil(percentile / 100.0 * sorted.size());
    return sorted.get(Math.max(rank, 1) - 1);
  }
}
