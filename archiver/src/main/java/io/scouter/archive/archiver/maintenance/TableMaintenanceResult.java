package io.scouter.archive.archiver.maintenance;

import io.scouter.archive.catalog.drift.DriftType;
import java.time.Duration;
import java.util.List;

/** One table's maintenance in a pass: its shape before and after, and each step's report. */
public record TableMaintenanceResult(DriftType type, Status status, TableShape before, TableShape after,
    List<StepReport> steps, Duration duration) {
  /** DONE: every step succeeded; FAILED: at least one step failed (the others still ran); SKIPPED_LOCKED: another instance held the table. */
  public enum Status { DONE, FAILED, SKIPPED_LOCKED }

  public long count(String step, String name) {
    return steps.stream().filter(report -> report.step().equals(step))
        .mapToLong(report -> report.counts().getOrDefault(name, 0L)).sum();
  }
}
