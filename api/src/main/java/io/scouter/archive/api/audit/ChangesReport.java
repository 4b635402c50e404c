package io.scouter.archive.api.audit;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.scouter.archive.catalog.drift.DriftType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * What arrived between two snapshots of a drift table: Iceberg's incremental append scan from
 * {@code from} (exclusive) to {@code to} plans exactly the data files that append snapshots in
 * between added, so snapshots that only rewrote files (compaction, {@code replace}) add nothing;
 * their file metadata gives each file's partition and row count, without reading any data.
 */
public record ChangesReport(
    @JsonProperty("table") String table,
    @JsonProperty("from") long from,
    @JsonProperty("to") long to,
    @JsonProperty("snapshots") List<Step> snapshots,
    @JsonProperty("added_rows") long addedRows,
    @JsonProperty("partitions") List<ChangedPartition> partitions) {

  /** A snapshot after {@code from} up to {@code to}, and whether it counted (only appends add rows). */
  public record Step(@JsonProperty("snapshot_id") long snapshotId, @JsonProperty("operation") String operation,
      @JsonProperty("committed_at") Instant committedAt, @JsonProperty("counted") boolean counted) {}

  static ChangesReport between(Table table, DriftType type, Snapshot from, Snapshot to) {
    if (from.snapshotId() != to.snapshotId() && !SnapshotUtil.isAncestorOf(table, to.snapshotId(), from.snapshotId())) {
      throw AuditErrors.invalid("from", "Invalid from: snapshot " + from.snapshotId() + " is not an ancestor of "
          + "snapshot " + to.snapshotId() + " of table " + type.tableName() + " (accepted: a snapshot older than "
          + "to in the same history)");
    }
    List<Step> steps = new ArrayList<>();
    for (Snapshot snapshot : SnapshotUtil.ancestorsBetween(table, to.snapshotId(), from.snapshotId())) {
      steps.add(new Step(snapshot.snapshotId(), snapshot.operation(), Instant.ofEpochMilli(snapshot.timestampMillis()),
          DataOperations.APPEND.equals(snapshot.operation())));
    }
    Map<List<Object>, ChangedPartition> partitions = new LinkedHashMap<>();
    long added = 0;
    if (from.snapshotId() != to.snapshotId()) {
      Set<String> seen = new HashSet<>();
      try (CloseableIterable<FileScanTask> files = table.newIncrementalAppendScan()
          .fromSnapshotExclusive(from.snapshotId()).toSnapshot(to.snapshotId()).planFiles()) {
        for (FileScanTask task : files) {
          if (!seen.add(task.file().location())) {
            continue;
          }
          ChangedPartition partition = partitionOf(task.file().partition());
          List<Object> key = List.of(partition.day(), partition.space(), partition.name(), partition.version());
          partitions.merge(key, partition.plus(task.file().recordCount()),
              (old, next) -> old.plus(task.file().recordCount()));
          added += task.file().recordCount();
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot plan the changes of " + type.tableName(), e);
      }
    }
    List<ChangedPartition> sorted = new ArrayList<>(partitions.values());
    sorted.sort(Comparator.comparing(ChangedPartition::day).thenComparing(ChangedPartition::space)
        .thenComparing(ChangedPartition::name).thenComparing(ChangedPartition::version));
    return new ChangesReport(type.tableName(), from.snapshotId(), to.snapshotId(), steps, added, sorted);
  }

  /** The drift tables' partition: day(created_at) as days since the epoch, then space, name, version. */
  private static ChangedPartition partitionOf(StructLike partition) {
    Integer day = partition.get(0, Integer.class);
    return new ChangedPartition(day == null ? null : LocalDate.ofEpochDay(day), partition.get(1, String.class),
        partition.get(2, String.class), partition.get(3, String.class), 0, 0);
  }
}
