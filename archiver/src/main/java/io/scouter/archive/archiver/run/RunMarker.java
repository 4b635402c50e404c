package io.scouter.archive.archiver.run;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotAncestryValidator;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * The run id in the Iceberg snapshot summary: the durable proof that a run's rows are in the table.
 * As in Iceberg's own exactly-once sinks (Flink, Kafka Connect), the id is checked inside the
 * commit ({@code validateWith}): the newest run in the table's history must be the run this one
 * follows. So the same run never lands twice, and a run planned from a stale state (another
 * process committed meanwhile) never lands at all, even if the advisory lock were lost; after a
 * crash the table's snapshots tell whether a pending run committed.
 */
final class RunMarker {
  static final String RUN_ID = "scouter.archive.run-id";
  static final String BASE_RUN_ID = "scouter.archive.base-run-id";
  static final String PASS_ID = "scouter.archive.pass-id";
  static final String ROWS = "scouter.archive.rows";
  static final String MIN_CREATED_AT = "scouter.archive.min-created-at";
  static final String MAX_CREATED_AT = "scouter.archive.max-created-at";
  static final String CUTOFF = "scouter.archive.cutoff";
  static final String PG_SNAPSHOT = "scouter.archive.pg-snapshot";
  static final String SOURCE = "scouter.archive.source";
  static final String SOURCE_VALUE = "postgresql:scouter.";

  private RunMarker() {}

  /** Writes the run into the append's summary and makes the commit refuse a duplicate or stale run. */
  static void mark(AppendFiles append, ArchiveRun run, RunFiles written, BooleanSupplier lockHeld) {
    append.set(RUN_ID, Long.toString(run.id()))
        .set(PASS_ID, run.passId().toString())
        .set(ROWS, Long.toString(written.rows()))
        .set(CUTOFF, run.target().cutoff().toString())
        .set(PG_SNAPSHOT, run.target().snapshot())
        .set(SOURCE, SOURCE_VALUE + run.type().tableName());
    run.baseRunId().ifPresent(base -> append.set(BASE_RUN_ID, Long.toString(base)));
    written.minCreatedAt().ifPresent(min -> append.set(MIN_CREATED_AT, min.toString()));
    written.maxCreatedAt().ifPresent(max -> append.set(MAX_CREATED_AT, max.toString()));
    String expected = run.baseRunId().isPresent() ? Long.toString(run.baseRunId().getAsLong()) : null;
    append.validateWith(new SnapshotAncestryValidator() {
      @Override
      public boolean validate(Iterable<Snapshot> ancestors) {
        for (Snapshot ancestor : ancestors) {
          String newest = runId(ancestor);
          if (newest != null) {
            // This run itself (a duplicate) or any run other than its base (a stale plan): refuse.
            return newest.equals(expected) && lockHeld.getAsBoolean();
          }
        }
        // No run in the retained history: the first run, or history expired by maintenance.
        return lockHeld.getAsBoolean();
      }

      @Override
      public String errorMessage() {
        return "Cannot commit archive run " + run.id() + ": it was planned after "
            + (expected == null ? "no run" : "run " + expected)
            + ", but the table's history ends otherwise (a duplicate or a stale plan), or this instance lost its lock";
      }
    });
  }

  /** The newest snapshot in the table's current history that carries a run, if any. */
  static Optional<Snapshot> newestRun(Table table) {
    table.refresh();
    Snapshot current = table.currentSnapshot();
    if (current == null) {
      return Optional.empty();
    }
    for (Snapshot snapshot : SnapshotUtil.ancestorsOf(current.snapshotId(), table::snapshot)) {
      if (runId(snapshot) != null) {
        return Optional.of(snapshot);
      }
    }
    return Optional.empty();
  }

  /**
   * The snapshot in the table's current history that carries the run. Snapshots without a run
   * (compactions, manifest rewrites: operation {@code replace}) are walked past.
   */
  static Optional<Snapshot> snapshotOfRun(Table table, long runId) {
    table.refresh();
    Snapshot current = table.currentSnapshot();
    if (current == null) {
      return Optional.empty();
    }
    String wanted = Long.toString(runId);
    for (Snapshot snapshot : SnapshotUtil.ancestorsOf(current.snapshotId(), table::snapshot)) {
      if (wanted.equals(runId(snapshot))) {
        return Optional.of(snapshot);
      }
    }
    return Optional.empty();
  }

  /** The run a snapshot carries; only for snapshots {@link #newestRun} returned. */
  static long runIdOf(Snapshot snapshot) {
    return Long.parseLong(runId(snapshot));
  }

  /** What a committed run's snapshot records about it. */
  static RunSummary summary(Snapshot snapshot) {
    Map<String, String> summary = snapshot.summary();
    return new RunSummary(
        Long.parseLong(summary.getOrDefault(ROWS, summary.getOrDefault(SnapshotSummary.ADDED_RECORDS_PROP, "0"))),
        Integer.parseInt(summary.getOrDefault(SnapshotSummary.ADDED_FILES_PROP, "0")),
        Long.parseLong(summary.getOrDefault(SnapshotSummary.ADDED_FILE_SIZE_PROP, "0")),
        Optional.ofNullable(summary.get(MIN_CREATED_AT)).map(Instant::parse),
        Optional.ofNullable(summary.get(MAX_CREATED_AT)).map(Instant::parse));
  }

  private static String runId(Snapshot snapshot) {
    return snapshot.summary() == null ? null : snapshot.summary().get(RUN_ID);
  }
}
