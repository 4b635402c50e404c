package io.scouter.archive.archiver.run;

import io.scouter.archive.catalog.drift.DriftType;
import java.time.Duration;
import java.util.List;

/**
 * What one pass did for one table: the runs it finished (reconciled ones included), rows, files,
 * bytes and the last snapshot, or why it stopped.
 */
public record TableRunResult(DriftType type, Outcome outcome, List<Long> runIds, long rows, int files, long bytes,
    Long snapshotId, Duration duration, String error) {

  public enum Outcome {
    /** Everything expired is archived (possibly nothing was to do). */
    DONE,
    /** Another instance holds this table's lock; it archives the table now. */
    SKIPPED_LOCKED,
    /** A run failed; its rows were released and a later pass retries them. */
    FAILED,
    /** A commit's outcome is unknown; the next pass reconciles the run against the table. */
    PENDING
  }
}
