package io.scouter.archive.archiver.run;

/** The points of an archive run where a crash leaves a distinct state; fault-injection tests stop at each. */
public enum ArchiveStep {
  /** The run and the watermark it moves to are recorded; its snapshot is taken; nothing is written yet. */
  AFTER_START,
  /** Data files are written to the object store; no snapshot references them yet. */
  AFTER_WRITE,
  /** Just before the Iceberg commit is attempted. */
  BEFORE_COMMIT,
  /** The Iceberg snapshot is committed; PostgreSQL does not know yet. */
  AFTER_COMMIT,
  /** Inside the finishing transaction, after the archive state moved but before it commits. */
  DURING_FINISH
}
