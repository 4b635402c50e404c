package io.scouter.archive.archiver.run;

import java.util.Optional;
import java.util.OptionalLong;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * What table maintenance must know of the archive runs in a table's history: the snapshot the
 * archiver's next commit check ({@link RunMarker}) looks for, which expiry must keep, and the run a
 * snapshot carries.
 */
public final class RunSnapshots {
  private RunSnapshots() {}

  /** The newest snapshot in the table's current history that carries an archive run. */
  public static Optional<Snapshot> newestRun(Table table) {
    return RunMarker.newestRun(table);
  }

  /** The archive run a snapshot carries; empty for snapshots that only rewrote files. */
  public static OptionalLong runOf(Snapshot snapshot) {
    String runId = snapshot.summary() == null ? null : snapshot.summary().get(RunMarker.RUN_ID);
    return runId == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(runId));
  }

  /** The prefix of the names of the data files a run writes (see CopyRunFileWriter). */
  public static String fileLabel(long runId) {
    return "-run-" + runId + "-";
  }
}
