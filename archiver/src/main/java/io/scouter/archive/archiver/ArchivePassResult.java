package io.scouter.archive.archiver;

import io.scouter.archive.archiver.run.TableRunResult;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One archiver pass over every drift table. */
public record ArchivePassResult(UUID passId, Instant startedAt, Instant finishedAt, List<TableRunResult> tables) {

  public long rows() {
    return tables.stream().mapToLong(TableRunResult::rows).sum();
  }

  public boolean succeeded() {
    return tables.stream().noneMatch(table -> table.outcome() == TableRunResult.Outcome.FAILED);
  }

  /** A few lines for operators (admin task, CLI). */
  public String summary() {
    StringBuilder text = new StringBuilder("archive pass " + passId + ": " + rows() + " rows\n");
    for (TableRunResult table : tables) {
      text.append(String.format("  %-20s %-14s rows=%d files=%d bytes=%d snapshot=%s duration=%dms%s%n",
          table.type().tableName(), table.outcome(), table.rows(), table.files(), table.bytes(), table.snapshotId(),
          table.duration().toMillis(), table.error() == null ? "" : " error=" + table.error()));
    }
    return text.toString();
  }
}
