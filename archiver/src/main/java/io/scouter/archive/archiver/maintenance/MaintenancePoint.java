package io.scouter.archive.archiver.maintenance;

/** The points of a maintenance pass where a crash leaves a distinct state; fault-injection tests stop at each. */
public enum MaintenancePoint {
  /** The pass is recorded; nothing is done yet. */
  STARTED,
  /** Compacted files are written; no snapshot references them yet. */
  COMPACTION_WRITTEN,
  /** Just before the compaction's commit is attempted (an unknown outcome here means it never arrived). */
  BEFORE_COMPACTION_COMMIT,
  /** The compaction snapshot is committed; archive_state does not point at it yet. */
  COMPACTION_COMMITTED,
  /** Expired snapshots are gone from the metadata; their files are being deleted (one reached per file). */
  EXPIRED_FILE_DELETE,
  /** An orphan file is about to be deleted (one reached per file). */
  ORPHAN_DELETE,
  /** The manifests are about to be rewritten. */
  BEFORE_MANIFEST_REWRITE
}
