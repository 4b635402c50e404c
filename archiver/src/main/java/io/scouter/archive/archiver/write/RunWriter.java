package io.scouter.archive.archiver.write;

import java.util.List;
import org.apache.iceberg.DataFile;

/**
 * Where the reading thread sends completed {@link PartitionRun}s: encoded on the reading thread
 * ({@link InlineRunWriter}) or on encoder threads ({@link ParallelRunWriter}). Runs come from
 * {@link #nextFree()} and go back through {@link #accept}, so memory stays a fixed set of runs.
 */
interface RunWriter {
  /** An empty run to fill; blocks while every run is in flight. */
  PartitionRun nextFree();

  /** Hands over a filled run; the caller must not touch it afterwards. */
  void accept(PartitionRun run);

  /** Writes what is pending, closes the open files and returns every data file written. */
  List<DataFile> finish();

  /**
   * Stops, closing what can be closed, and returns the locations of every file written: none is
   * referenced by a snapshot, so the caller deletes them once no close is pending.
   */
  List<String> abandon();
}
