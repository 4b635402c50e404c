package io.scouter.archive.api.metrics;

import java.util.Arrays;

/**
 * Summed {@code bin_count} per PSI {@code bin_id}, for one feature over one time bin (or over the
 * whole window). Counts are longs added exactly, so merging partials from either side in any order
 * gives the same totals and hence the same proportions.
 *
 * <p>Profiles have a handful of bin ids, so they are kept in two small sorted arrays rather than a
 * boxed map: cheap per record on the Iceberg side. A bin id seen only with count 0 is still known.
 * Not thread-safe.
 */
public final class BinCountAccumulator {
  private int[] binIds = new int[8];
  private long[] counts = new long[8];
  private int size;

  /** Adds one record's {@code bin_count}, or a partial sum of them for one bin id. */
  public void add(int binId, long binCount) {
    if (binCount < 0) {
      throw new IllegalArgumentException("Invalid bin_count: " + binCount + " for bin_id " + binId
          + " (must not be negative)");
    }
    int index = Arrays.binarySearch(binIds, 0, size, binId);
    if (index < 0) {
      index = insert(-index - 1, binId);
    }
    counts[index] = Math.addExact(counts[index], binCount);
  }

  /** Adds every count of another accumulator; the other is left unchanged. */
  public void merge(BinCountAccumulator other) {
    for (int index = 0; index < other.size; index++) {
      add(other.binIds[index], other.counts[index]);
    }
  }

  /** The summed count of one bin id, 0 when it was never seen. */
  public long count(int binId) {
    int index = Arrays.binarySearch(binIds, 0, size, binId);
    return index < 0 ? 0 : counts[index];
  }

  /** The sum over all bin ids: the denominator of every proportion. */
  public long total() {
    long total = 0;
    for (int index = 0; index < size; index++) {
      total = Math.addExact(total, counts[index]);
    }
    return total;
  }

  /**
   * The share of one bin id in the total; 0 when absent, and 0 for every bin id when the total is
   * 0 (records that all carry {@code bin_count} 0 observed nothing, so no bin id has a share).
   */
  public double proportion(int binId) {
    long total = total();
    return total == 0 ? 0.0 : (double) count(binId) / total;
  }

  /** The bin ids seen, ascending. */
  public int[] binIds() {
    return Arrays.copyOf(binIds, size);
  }

  private int insert(int index, int binId) {
    if (size == binIds.length) {
      binIds = Arrays.copyOf(binIds, size * 2);
      counts = Arrays.copyOf(counts, size * 2);
    }
    System.arraycopy(binIds, index, binIds, index + 1, size - index);
    System.arraycopy(counts, index, counts, index + 1, size - index);
    binIds[index] = binId;
    counts[index] = 0;
    size++;
    return index;
  }
}
