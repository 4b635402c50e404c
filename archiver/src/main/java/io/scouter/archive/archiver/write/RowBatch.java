package io.scouter.archive.archiver.write;

import org.apache.parquet.io.api.Binary;

/**
 * A fixed-capacity, reusable batch of decoded rows in columns, handed from the decoding thread to
 * the encoding thread. Text values are shared references (partition strings, the current series),
 * so a batch holds no per-row objects.
 */
final class RowBatch {
  private final ArchivePartition[] partitions;
  private final long[] createdAtMicros;
  private final Binary[] series;
  private final double[] values;
  private final int[] binIds;
  private final long[] binCounts;
  private int size;

  RowBatch(int capacity) {
    this.partitions = new ArchivePartition[capacity];
    this.createdAtMicros = new long[capacity];
    this.series = new Binary[capacity];
    this.values = new double[capacity];
    this.binIds = new int[capacity];
    this.binCounts = new long[capacity];
  }

  /** Appends a row; returns whether the batch is now full. */
  boolean add(ArchivePartition partition, ArchiveRow row) {
    int i = size++;
    partitions[i] = partition;
    createdAtMicros[i] = row.createdAtMicros;
    series[i] = row.series;
    values[i] = row.value;
    binIds[i] = row.binId;
    binCounts[i] = row.binCount;
    return size == partitions.length;
  }

  int size() {
    return size;
  }

  ArchivePartition partition(int i) {
    return partitions[i];
  }

  /** Loads row {@code i} into {@code row}, except the entity fields, which change with the partition. */
  void load(int i, ArchiveRow row) {
    row.createdAtMicros = createdAtMicros[i];
    row.series = series[i];
    row.value = values[i];
    row.binId = binIds[i];
    row.binCount = binCounts[i];
  }

  void clear() {
    size = 0;
  }
}
