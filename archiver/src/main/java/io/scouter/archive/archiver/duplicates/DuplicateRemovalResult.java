package io.scouter.archive.archiver.duplicates;

import io.scouter.archive.catalog.drift.DriftType;
import java.util.List;
import java.util.stream.Collectors;

/** What one duplicate removal did, table by table. */
public record DuplicateRemovalResult(List<TableResult> tables) {
  public DuplicateRemovalResult {
    tables = List.copyOf(tables);
  }

  public enum Outcome {
    /** Duplicates were rewritten away in one commit, and readers use the rewritten snapshot. */
    DONE,
    /** Every key is held once already. */
    NOTHING_TO_DO,
    /** An archive run (or another removal) holds the table's lock: try again later. */
    SKIPPED_LOCKED,
    /** An archive run is unfinished (a crash): an archive pass reconciles it first. */
    REFUSED,
    /** Committed, but the commit's answer was lost: the next removal reconciles it. */
    PENDING,
    FAILED
  }

  /** One table's part; counts are zero unless the outcome is {@link Outcome#DONE}. */
  public record TableResult(DriftType type, Outcome outcome, int partitionsRead, long keysDuplicated,
      long rowsRemoved, int filesReplaced, int filesAdded, Long snapshotId, String error) {
    static TableResult of(DriftType type, Outcome outcome, String error) {
      return new TableResult(type, outcome, 0, 0, 0, 0, 0, null, error);
    }
  }

  public boolean succeeded() {
    return tables.stream().allMatch(table -> table.outcome() == Outcome.DONE || table.outcome() == Outcome.NOTHING_TO_DO);
  }

  public long rowsRemoved() {
    return tables.stream().mapToLong(TableResult::rowsRemoved).sum();
  }

  public String summary() {
    return tables.stream().map(table -> table.type().tableName() + ": " + table.outcome()
        + " partitions_read=" + table.partitionsRead() + " keys_duplicated=" + table.keysDuplicated()
        + " rows_removed=" + table.rowsRemoved() + " files_replaced=" + table.filesReplaced()
        + " files_added=" + table.filesAdded() + " snapshot=" + table.snapshotId()
        + (table.error() == null ? "" : " error=" + table.error()))
        .collect(Collectors.joining("\n", "", "\n"));
  }
}
