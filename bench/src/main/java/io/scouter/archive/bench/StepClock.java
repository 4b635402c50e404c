package io.scouter.archive.bench;

import io.scouter.archive.archiver.run.ArchiveFaults;
import io.scouter.archive.archiver.run.ArchiveStep;
import io.scouter.archive.catalog.drift.DriftType;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Where an archive pass spends its time, read off the archiver's step hook (it only looks at the
 * clock; it never injects anything). Each step's time is the time since the step before it, so:
 * plan = from the previous run's finish (or the pass start) to AFTER_START (the run's snapshot, the
 * counts that bound it, its record), write = to AFTER_WRITE, commit = to AFTER_COMMIT, finish = to
 * DURING_FINISH (moving the archive state to the run's snapshot and watermark).
 */
final class StepClock implements ArchiveFaults {
  enum Phase {
    PLAN, WRITE, COMMIT, FINISH
  }

  private final Map<DriftType, Map<Phase, Long>> nanos = new EnumMap<>(DriftType.class);
  private long last;

  synchronized void start() {
    nanos.clear();
    last = System.nanoTime();
  }

  @Override
  public synchronized void reached(ArchiveStep step, DriftType type, long runId) {
    long now = System.nanoTime();
    Phase phase = switch (step) {
      case AFTER_START -> Phase.PLAN;
      case AFTER_WRITE -> Phase.WRITE;
      case BEFORE_COMMIT, AFTER_COMMIT -> Phase.COMMIT;
      case DURING_FINISH -> Phase.FINISH;
    };
    nanos.computeIfAbsent(type, ignored -> new EnumMap<>(Phase.class)).merge(phase, now - last, Long::sum);
    last = now;
  }

  synchronized Map<Phase, Duration> phases(DriftType type) {
    Map<Phase, Duration> phases = new EnumMap<>(Phase.class);
    for (Phase phase : Phase.values()) {
      phases.put(phase, Duration.ofNanos(nanos.getOrDefault(type, Map.of()).getOrDefault(phase, 0L)));
    }
    return phases;
  }
}
