package io.scouter.archive.archiver.maintenance;

import java.time.Duration;
import java.util.Map;

/** One step of one table's pass as recorded: how long it took, what it counted, and its error if it failed. */
public record StepReport(String step, Duration duration, Map<String, Long> counts, Long committedSnapshotId,
    String error) {}
