package io.scouter.archive.archiver.duplicates;

import io.scouter.archive.catalog.drift.DriftType;

/** Where a duplicate removal may be interrupted; tests throw from {@link Faults#reached} to simulate a crash. */
public enum RemovalStep {
  /** The new files are written, nothing is committed. */
  AFTER_WRITE,
  /** The rewrite is committed to Iceberg; readers still use the old snapshot. */
  AFTER_COMMIT;

  /** A test hook; production uses {@link #NONE}. */
  @FunctionalInterface
  public interface Faults {
    Faults NONE = (step, type) -> { };

    void reached(RemovalStep step, DriftType type);
  }
}
