package io.scouter.archive.api.audit;

import io.scouter.archive.catalog.drift.DriftType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeSet;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.types.Comparators;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Types;

/**
 * Streams an export plan's rows ordered by series, then time (then bin id for PSI), in bounded
 * memory. Hand-written because Iceberg's readers return rows in file order and a global sort would
 * hold everything: instead this relies on each data file being sorted by (series, created_at,
 * bin_id), which is how the archiver (and the compaction after it) writes them.
 *
 * <p>One pass per series, in UTF-8 order (the order of the files): for each day in turn, the files
 * of that day that may hold the series are opened with a row-group filter {@code series >= s},
 * merged on time, and closed before the next day. So at most one day's files of the entity are
 * open at once. The next series is the smallest of the files' lower bounds and of the values that
 * follow {@code s} in the files just read; no list of series is needed up front, so rows flow at once.
 */
final class ExportRows {
  /** Receives the rows in order; a record is only valid during the call. */
  @FunctionalInterface
  interface Sink {
    void accept(Record row) throws IOException;
  }

  private static final Comparator<CharSequence> UTF8 = Comparators.charSequences();

  private final ExportPlan plan;
  private final String seriesColumn;
  private final int seriesFieldId;
  private final boolean binned;

  ExportRows(ExportPlan plan) {
    this.plan = plan;
    DriftType type = plan.request().type();
    this.seriesColumn = type.seriesColumn();
    this.seriesFieldId = plan.table().schema().findField(seriesColumn).fieldId();
    this.binned = type == DriftType.PSI;
  }

  /** Sends every row of the plan to {@code sink}; returns how many were sent. */
  long forEach(Sink sink) throws IOException {
    TreeSet<String> pending = new TreeSet<>(UTF8);
    for (List<DataFile> files : plan.filesByDay().values()) {
      for (DataFile file : files) {
        String lower = bound(file.lowerBounds(), file);
        pending.add(lower == null ? "" : lower);
      }
    }
    long sent = 0;
    String series = pending.pollFirst();
    while (series != null) {
      for (List<DataFile> day : plan.filesByDay().values()) {
        sent += day(day, series, pending, sink);
      }
      series = pending.higher(series);
      pending.headSet(series == null ? "" : series, false).clear();
      if (series != null) {
        pending.remove(series);
      }
    }
    return sent;
  }

  /** Sends the rows of {@code series} in one day's files, merged on time; notes the series after it. */
  private long day(List<DataFile> files, String series, TreeSet<String> pending, Sink sink) throws IOException {
    long begin = plan.request().beginMicros();
    long end = plan.request().endMicros();
    Schema schema = plan.table().schema();
    Expression filter = Expressions.and(ExportPlan.filter(plan.request()),
        Expressions.greaterThanOrEqual(seriesColumn, series));
    List<ExportCursor> open = new ArrayList<>();
    PriorityQueue<ExportCursor> queue = new PriorityQueue<>(Comparator
        .comparingLong((ExportCursor cursor) -> time(cursor.head()))
        .thenComparingInt(cursor -> binned ? (Integer) cursor.head().getField("bin_id") : 0));
    long sent = 0;
    try {
      for (DataFile file : files) {
        if (mayHold(file, series)) {
          ExportCursor cursor = ExportCursor.over(plan.table(), file, schema, filter);
          open.add(cursor);
          if (advanceTo(cursor, series, begin, end, pending)) {
            queue.add(cursor);
          }
        }
      }
      while (!queue.isEmpty()) {
        ExportCursor cursor = queue.poll();
        sink.accept(cursor.head());
        sent++;
        if (advanceTo(cursor, series, begin, end, pending)) {
          queue.add(cursor);
        }
      }
    } finally {
      open.forEach(ExportCursor::close);
    }
    return sent;
  }

  /**
   * Moves the cursor to its next row of {@code series} inside the window. A row of a later series
   * ends the cursor and is noted as a candidate next series; a row of an earlier series is skipped.
   */
  private boolean advanceTo(ExportCursor cursor, String series, long begin, long end, TreeSet<String> pending) {
    while (cursor.advance()) {
      String rowSeries = cursor.head().getField(seriesColumn).toString();
      int order = UTF8.compare(rowSeries, series);
      if (order > 0) {
        pending.add(rowSeries);
        return false;
      }
      long micros = time(cursor.head());
      if (order == 0 && micros >= begin && micros < end) {
        return true;
      }
    }
    return false;
  }

  private boolean mayHold(DataFile file, String series) {
    String lower = bound(file.lowerBounds(), file);
    String upper = bound(file.upperBounds(), file);
    return (lower == null || UTF8.compare(lower, series) <= 0) && (upper == null || UTF8.compare(series, upper) <= 0);
  }

  private String bound(Map<Integer, ByteBuffer> bounds, DataFile file) {
    ByteBuffer value = bounds == null ? null : bounds.get(seriesFieldId);
    return value == null ? null : Conversions.fromByteBuffer(Types.StringType.get(), value).toString();
  }

  private static long time(Record row) {
    return ExportCursor.micros(row.getField(DriftType.CREATED_AT.name()));
  }
}
