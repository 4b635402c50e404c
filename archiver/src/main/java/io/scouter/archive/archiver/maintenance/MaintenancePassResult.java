package io.scouter.archive.archiver.maintenance;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** One maintenance pass over every drift table. */
public record MaintenancePassResult(UUID passId, Instant started, Instant finished,
    List<TableMaintenanceResult> tables) {
  public boolean succeeded() {
    return tables.stream().noneMatch(table -> table.status() == TableMaintenanceResult.Status.FAILED);
  }

  /** A few lines for the admin task and the CLI. */
  public String summary() {
    return "maintenance pass " + passId + ": " + (succeeded() ? "ok" : "with failures") + "\n"
        + tables.stream().map(table -> "  " + table.type().tableName() + " " + table.status()
            + " data files " + table.before().dataFiles() + " -> " + table.after().dataFiles()
            + ", snapshots " + table.before().snapshots() + " -> " + table.after().snapshots()
            + ", manifests " + table.before().manifests() + " -> " + table.after().manifests()
            + ", " + table.duration().toMillis() + " ms"
            + table.steps().stream().filter(step -> step.error() != null)
                .map(step -> "; " + step.step() + " failed: " + step.error()).collect(Collectors.joining()))
            .collect(Collectors.joining("\n")) + "\n";
  }
}
