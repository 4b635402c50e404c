package io.scouter.archive.archiver.run;

import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotAncestryValidator;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * The run id in the Iceberg snapshot summary: the durable proof that a run's rows are in the table.
 * As in Iceberg's own exactly-once sinks (Flink, Kafka Connect), the id is checked inside the
 * commit ({@code validateWith}), so the same run can never be committed twice, even by two
 * processes racing; and after a crash the table's snapshots tell whether a pending run committed.
 */
final class RunMarker {
  static final String RUN_ID = "scouter.archive.run-id";
  static final String PASS_ID = "scouter.archive.pass-id";
  static final String ROWS = "scouter.archive.rows";
  static final String MIN_CREATED_AT = "scouter.archive.min-created-at";
  static final String MAX_CREATED_AT = "scouter.archive.max-created-at";
  static final String SOURCE = "scouter.archive.source";
  static final String SOURCE_VALUE = "postgresql:scouter.";

  private RunMarker() {}

  /** Writes the run into the append's summary and makes the commit refuse a second copy of it. */
  static void mark(AppendFiles append, ClaimedRun run, BooleanSupplier lockHeld) {
    append.set(RUN_ID, Long.toString(run.id()))
        .set(PASS_ID, run.passId().toString())
        .set(ROWS, Long.toString(run.rows()))
        .set(MIN_CREATED_AT, String.valueOf(run.minCreatedAt()))
        .set(MAX_CREATED_AT, String.valueOf(run.maxCreatedAt()))
        .set(SOURCE, SOURCE_VALUE + run.type().tableName());
    append.validateWith(new SnapshotAncestryValidator() {
      @Override
      public boolean validate(Iterable<Snapshot> ancestors) {
        for (Snapshot ancestor : ancestors) {
          if (carries(ancestor, run.id())) {
            return false;
          }
        }
        // Without our lock another instance may be reconciling this run: it must not land now.
        return lockHeld.getAsBoolean();
      }

      @Override
      public String errorMessage() {
        return "Cannot commit archive run " + run.id() + ": the table already holds it, or this instance lost its lock";
      }
    });
  }

  /** The snapshot among the current one's ancestors that carries the run, if the run committed. */
  static Optional<Snapshot> find(Table table, long runId) {
    table.refresh();
    Snapshot current = table.currentSnapshot();
    if (current == null) {
      return Optional.empty();
    }
    for (Snapshot snapshot : SnapshotUtil.ancestorsOf(current.snapshotId(), table::snapshot)) {
      if (carries(snapshot, runId)) {
        return Optional.of(snapshot);
      }
    }
    return Optional.empty();
  }

  private static boolean carries(Snapshot snapshot, long runId) {
    return snapshot.summary() != null && Long.toString(runId).equals(snapshot.summary().get(RUN_ID));
  }
}
