package io.scouter.archive.archiver.run;

import io.scouter.archive.catalog.drift.DriftType;

/**
 * A test hook called at each {@link ArchiveStep}. Production uses {@link #NONE}; tests throw from
 * here to simulate a crash (an {@link Error}, which the archiver deliberately never catches, so no
 * clean-up runs, as after a real crash) or insert rows to simulate late arrivals.
 */
@FunctionalInterface
public interface ArchiveFaults {
  ArchiveFaults NONE = (step, type, runId) -> { };

  void reached(ArchiveStep step, DriftType type, long runId);
}
