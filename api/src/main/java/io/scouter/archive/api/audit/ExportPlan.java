package io.scouter.archive.api.audit;

import io.scouter.archive.catalog.drift.DriftType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Types;

/**
 * What an export reads: the data files of one entity and window at one snapshot, grouped by day
 * partition in time order, and the exact number of rows the export will hold, known before the
 * first byte is sent. Files wholly inside the window count by their metadata; only the files of
 * the window's first and last days are read (their {@code created_at} column alone) to count.
 */
final class ExportPlan {
  private final Table table;
  private final ExportRequest request;
  private final Snapshot snapshot;
  private final Map<Integer, List<DataFile>> filesByDay;
  private final long rows;

  private ExportPlan(Table table, ExportRequest request, Snapshot snapshot, Map<Integer, List<DataFile>> filesByDay,
      long rows) {
    this.table = table;
    this.request = request;
    this.snapshot = snapshot;
    this.filesByDay = filesByDay;
    this.rows = rows;
  }

  static ExportPlan of(Table table, ExportRequest request, Snapshot snapshot) {
    Map<Integer, List<DataFile>> byDay = new TreeMap<>();
    // Column bounds are dropped from planned files unless asked for: counting and series order need them.
    try (CloseableIterable<FileScanTask> tasks = table.newScan().useSnapshot(snapshot.snapshotId())
        .filter(filter(request)).includeColumnStats().planFiles()) {
      for (FileScanTask task : tasks) {
        if (!task.deletes().isEmpty()) {
          throw AuditErrors.conflict("Cannot export " + request.type().tableName() + " at snapshot "
              + snapshot.snapshotId() + ": it has delete files, which exports do not apply");
        }
        byDay.computeIfAbsent(task.file().partition().get(0, Integer.class), day -> new ArrayList<>()).add(task.file());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot plan the export of " + request.type().tableName(), e);
    }
    long rows = 0;
    for (List<DataFile> files : byDay.values()) {
      for (DataFile file : files) {
        rows += rowsInWindow(table, request, file);
      }
    }
    return new ExportPlan(table, request, snapshot, byDay, rows);
  }

  static Expression filter(ExportRequest request) {
    return Expressions.and(
        Expressions.equal(DriftType.SPACE.name(), request.space()),
        Expressions.equal(DriftType.NAME.name(), request.name()),
        Expressions.equal(DriftType.VERSION.name(), request.version()),
        Expressions.greaterThanOrEqual(DriftType.CREATED_AT.name(), request.beginMicros()),
        Expressions.lessThan(DriftType.CREATED_AT.name(), request.endMicros()));
  }

  private static long rowsInWindow(Table table, ExportRequest request, DataFile file) {
    int createdAt = table.schema().findField(DriftType.CREATED_AT.name()).fieldId();
    Long lower = bound(file.lowerBounds(), createdAt);
    Long upper = bound(file.upperBounds(), createdAt);
    if (lower != null && upper != null && lower >= request.beginMicros() && upper < request.endMicros()) {
      return file.recordCount();
    }
    Schema timeOnly = table.schema().select(DriftType.CREATED_AT.name());
    long count = 0;
    // The reader binds its filter to the projection: the entity is exact through the partition anyway.
    Expression window = Expressions.and(
        Expressions.greaterThanOrEqual(DriftType.CREATED_AT.name(), request.beginMicros()),
        Expressions.lessThan(DriftType.CREATED_AT.name(), request.endMicros()));
    try (CloseableIterable<Record> records = ExportCursor.open(table, file, timeOnly, window)) {
      for (Record record : records) {
        long micros = ExportCursor.micros(record.getField(DriftType.CREATED_AT.name()));
        if (micros >= request.beginMicros() && micros < request.endMicros()) {
          count++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot count the rows of " + file.location(), e);
    }
    return count;
  }

  private static Long bound(Map<Integer, ByteBuffer> bounds, int fieldId) {
    ByteBuffer value = bounds == null ? null : bounds.get(fieldId);
    return value == null ? null : (Long) Conversions.fromByteBuffer(Types.TimestampType.withZone(), value);
  }

  Table table() {
    return table;
  }

  ExportRequest request() {
    return request;
  }

  Snapshot snapshot() {
    return snapshot;
  }

  /** The files of each day partition, days in ascending order. */
  Map<Integer, List<DataFile>> filesByDay() {
    return filesByDay;
  }

  /** The exact number of rows the export holds. */
  long rows() {
    return rows;
  }
}
