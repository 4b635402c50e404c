package io.scouter.archive.api.entities;

import io.scouter.archive.catalog.drift.DriftColumn;
import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.catalog.iceberg.ArchiveCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Types;

/**
 * What the archive holds per entity, from metadata only: the data files of the readers' snapshot
 * (manifests, never Parquet rows), grouped by their partition values (space, name, version), with
 * each file's created_at span from its column statistics, or from its day partition when a file
 * has none. Kept per table for the readers' snapshot; a new snapshot (one per archive run) adds
 * the files of its run.
 */
final class ArchivedSpans {
  private record Cached(long snapshotId, Map<EntityKey, ArchivedSpan> spans) {}

  private final ArchiveCatalog catalog;
  private final Map<DriftType, Cached> cache = new ConcurrentHashMap<>();

  ArchivedSpans(ArchiveCatalog catalog) {
    this.catalog = catalog;
  }

  Map<EntityKey, ArchivedSpan> at(DriftType type, long snapshotId) {
    Cached cached = cache.get(type);
    if (cached != null && cached.snapshotId() == snapshotId) {
      return cached.spans();
    }
    Table table = tableWith(type, snapshotId);
    Map<EntityKey, ArchivedSpan> spans = cached == null ? null : appendedSince(table, cached, snapshotId);
    if (spans == null) {
      spans = read(table, snapshotId);
    }
    cache.put(type, new Cached(snapshotId, spans));
    return spans;
  }

  /** Every data file of the snapshot: its manifests, with created_at statistics only. */
  private static Map<EntityKey, ArchivedSpan> read(Table table, long snapshotId) {
    Map<EntityKey, ArchivedSpan> spans = new TreeMap<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().useSnapshot(snapshotId)
        .includeColumnStats(List.of(DriftType.CREATED_AT.name())).planFiles()) {
      for (FileScanTask task : tasks) {
        add(spans, table, task.file());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the data files of " + table.name(), e);
    }
    return spans;
  }

  /**
   * The cached spans plus the files that the appends since then added (each archive run is one
   * append), reading only the new runs' manifests; null when anything else lies between (a
   * rewrite by compaction, a snapshot no longer in the history): then everything is read again.
   */
  private static Map<EntityKey, ArchivedSpan> appendedSince(Table table, Cached cached, long snapshotId) {
    List<Snapshot> appends = new ArrayList<>();
    Snapshot snapshot = table.snapshot(snapshotId);
    while (snapshot != null && snapshot.snapshotId() != cached.snapshotId()) {
      if (!DataOperations.APPEND.equals(snapshot.operation())) {
        return null;
      }
      appends.add(snapshot);
      snapshot = snapshot.parentId() == null ? null : table.snapshot(snapshot.parentId());
    }
    if (snapshot == null) {
      return null;
    }
    Map<EntityKey, ArchivedSpan> spans = new TreeMap<>(cached.spans());
    for (Snapshot append : appends) {
      for (DataFile file : append.addedDataFiles(table.io())) {
        add(spans, table, file);
      }
    }
    return spans;
  }

  private static void add(Map<EntityKey, ArchivedSpan> spans, Table table, DataFile file) {
    PartitionSpec spec = table.specs().get(file.specId());
    StructLike partition = file.partition();
    EntityKey entity = new EntityKey(identity(spec, partition, DriftType.SPACE),
        identity(spec, partition, DriftType.NAME), identity(spec, partition, DriftType.VERSION));
    Instant begin = bound(file.lowerBounds(), spec, partition, false);
    Instant end = bound(file.upperBounds(), spec, partition, true);
    ArchivedSpan seen = spans.get(entity);
    spans.put(entity, seen == null ? new ArchivedSpan(begin, end, 1, file.recordCount())
        : seen.plus(begin, end, file.recordCount()));
  }

  private static String identity(PartitionSpec spec, StructLike partition, DriftColumn column) {
    return String.valueOf(partition.get(position(spec, column), Object.class));
  }

  /** The file's created_at bound; without statistics, the edge of its day partition. */
  private static Instant bound(Map<Integer, ByteBuffer> bounds, PartitionSpec spec, StructLike partition, boolean upper) {
    ByteBuffer value = bounds == null ? null : bounds.get(DriftType.CREATED_AT.fieldId());
    if (value != null) {
      Long micros = Conversions.fromByteBuffer(Types.TimestampType.withZone(), value);
      return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
    Integer day = partition.get(position(spec, DriftType.CREATED_AT), Integer.class);
    Instant start = Instant.EPOCH.plus(day, ChronoUnit.DAYS);
    return upper ? start.plus(1, ChronoUnit.DAYS).minus(1, ChronoUnit.MICROS) : start;
  }

  private static int position(PartitionSpec spec, DriftColumn column) {
    List<PartitionField> fields = spec.fields();
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).sourceId() == column.fieldId()) {
        return i;
      }
    }
    throw new IllegalStateException("Partition spec " + spec.specId() + " has no field on " + column.name());
  }

  private Table tableWith(DriftType type, long snapshotId) {
    Table table = catalog.table(type);
    if (table.snapshot(snapshotId) == null) {
      synchronized (table) {
        if (table.snapshot(snapshotId) == null) {
          table.refresh();
        }
      }
    }
    return table;
  }
}
