package io.scouter.archive.catalog.iceberg;

import io.scouter.archive.catalog.storage.LocalFileIO;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableScan;
import org.apache.iceberg.io.FileIO;

/**
 * Where a query's scan reads its manifests. Iceberg plans a scan of more than one data manifest on
 * its shared worker pool and waits for the entries by polling every 10 ms ({@code
 * ParallelIterable}): planning a one-entity scan of a table with two manifests took 11 ms that way
 * and 1.1 ms on the query's own thread (BENCHMARKS.md, "issue 17, fifth session"), and every
 * archive run adds a manifest until maintenance merges them. A manifest on a local disk is read
 * from the page cache in well under a millisecond, so there the query's thread reads them one after
 * another. On an object store each read is a round trip of tens of milliseconds, and the pool's
 * parallel reads are worth the polling.
 */
public final class ScanPlanning {
  private ScanPlanning() {}

  /** {@code scan}, planned on the calling thread when {@code table}'s files are on a local disk. */
  public static TableScan forStorage(TableScan scan, Table table) {
    return readsOnCallingThread(table.io()) ? scan.planWith(new SameThreadExecutorService()) : scan;
  }

  static boolean readsOnCallingThread(FileIO io) {
    return io instanceof LocalFileIO;
  }
}
