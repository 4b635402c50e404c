package io.scouter.archive.api.entities;

import io.scouter.archive.catalog.drift.DriftColumn;
import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.catalog.iceberg.ArchiveCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Types;

/**
 * What the archive holds per entity, from metadata only: the data files of the readers' snapshot
 * (manifests, never Parquet rows), grouped by their partition values (space, name, version), with
 * each file's created_at span from its column statistics, or from its day partition when a file
 * has none. Computed once per snapshot and table: a new snapshot comes with each archive run.
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
    if (cached == null || cached.snapshotId() != snapshotId) {
      cached = new Cached(snapshotId, read(tableWith(type, snapshotId), snapshotId));
      cache.put(type, cached);
    }
    return cached.spans();
  }

  private static Map<EntityKey, ArchivedSpan> read(Table table, long snapshotId) {
    Map<EntityKey, ArchivedSpan> spans = new TreeMap<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().useSnapshot(snapshotId)
        .includeColumnStats(List.of(DriftType.CREATED_AT.name())).planFiles()) {
      for (FileScanTask task : tasks) {
        DataFile file = task.file();
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
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the data files of " + table.name(), e);
    }
    return spans;
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
