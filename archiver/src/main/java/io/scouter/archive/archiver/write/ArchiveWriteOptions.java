package io.scouter.archive.archiver.write;

/**
 * Tuning of {@link DriftArchiveWriter}.
 *
 * @param encoderThreads threads that encode Parquet while the calling thread reads from PostgreSQL;
 *     0 encodes on the calling thread. Each holds one open data file.
 * @param maxRunRows the most rows of one partition sorted in memory at once (about 24 bytes each,
 *     {@code encoderThreads + 1} runs in flight); a larger partition is written as several files,
 *     each sorted
 */
public record ArchiveWriteOptions(int encoderThreads, int maxRunRows) {
  /**
   * Two: a file's fixed costs (opening the writer, flushing, the footer) then overlap with the
   * next file's encoding. 216,000 SPC rows into 31 day files, warm JVM, 2 cores: 387 ms with two
   * against 450 ms with one (COPY alone 310 ms); 2.16M PSI rows: no difference (both ~ the COPY).
   */
  public static final int ENCODER_THREADS_DEFAULT = 2;
  public static final int MAX_RUN_ROWS_DEFAULT = 1 << 20;
  public static final int MAX_ENCODER_THREADS = 16;

  public ArchiveWriteOptions {
    if (encoderThreads < 0 || encoderThreads > MAX_ENCODER_THREADS) {
      throw new IllegalArgumentException(
          "Invalid encoder thread count: " + encoderThreads + " (0 to " + MAX_ENCODER_THREADS + ")");
    }
    if (maxRunRows < 1) {
      throw new IllegalArgumentException("Invalid maximum run size: " + maxRunRows + " rows");
    }
  }

  public static ArchiveWriteOptions defaults() {
    return new ArchiveWriteOptions(ENCODER_THREADS_DEFAULT, MAX_RUN_ROWS_DEFAULT);
  }

  public ArchiveWriteOptions withEncoderThreads(int threads) {
    return new ArchiveWriteOptions(threads, maxRunRows);
  }

  public ArchiveWriteOptions withMaxRunRows(int rows) {
    return new ArchiveWriteOptions(encoderThreads, rows);
  }
}
