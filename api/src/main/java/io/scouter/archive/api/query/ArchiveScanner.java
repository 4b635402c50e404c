package io.scouter.archive.api.query;

import io.scouter.archive.api.metrics.SeriesBinCounts;
import io.scouter.archive.api.metrics.SeriesMoments;
import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.catalog.iceberg.ArchiveCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableScan;
import org.apache.iceberg.arrow.vectorized.ColumnVector;
import org.apache.iceberg.arrow.vectorized.ColumnarBatch;
import org.apache.iceberg.arrow.vectorized.VectorizedTableScanIterable;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/**
 * The Iceberg side of a query: a scan pinned to the cut's snapshot, pruned by partition and file
 * statistics on the entity and the window, reading only the series, time and value columns with
 * Iceberg's vectorized Arrow reader, and adding each row in the window to the shared accumulators
 * batch by batch (nothing is materialised). The reader returns whole row groups, so rows are
 * filtered on {@code created_at} here.
 */
public final class ArchiveScanner {
  static final int BATCH_SIZE = 8192;

  private final ArchiveCatalog catalog;
  private final LongAdder scans = new LongAdder();

  public ArchiveScanner(ArchiveCatalog catalog) {
    this.catalog = catalog;
  }

  /** How many scans were started: queries whose window the archive could not hold start none. */
  public long scans() {
    return scans.sum();
  }

  /** Adds the archived SPC or custom rows of the query to {@code target}. */
  public void moments(DriftQuery query, long snapshotId, SeriesMoments target) {
    DriftType type = query.type();
    long begin = query.window().beginMicros();
    long end = query.window().endMicros();
    try (CloseableIterable<ColumnarBatch> batches = batches(query, snapshotId,
        List.of(DriftType.CREATED_AT.name(), type.seriesColumn(), "value"))) {
      for (ColumnarBatch batch : batches) {
        ColumnVector createdAt = batch.column(0);
        ColumnVector series = batch.column(1);
        ColumnVector value = batch.column(2);
        for (int row = 0, rows = batch.numRows(); row < rows; row++) {
          long micros = createdAt.getLong(row);
          if (micros >= begin && micros < end) {
            target.add(series.getString(row), micros, value.getDouble(row));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read archived " + type.tableName() + " at snapshot " + snapshotId, e);
    }
  }

  /** Adds the archived PSI rows of the query to {@code target}. */
  public void binCounts(DriftQuery query, long snapshotId, SeriesBinCounts target) {
    long begin = query.window().beginMicros();
    long end = query.window().endMicros();
    try (CloseableIterable<ColumnarBatch> batches = batches(query, snapshotId,
        List.of(DriftType.CREATED_AT.name(), "feature", "bin_id", "bin_count"))) {
      for (ColumnarBatch batch : batches) {
        ColumnVector createdAt = batch.column(0);
        ColumnVector feature = batch.column(1);
        ColumnVector binId = batch.column(2);
        ColumnVector binCount = batch.column(3);
        for (int row = 0, rows = batch.numRows(); row < rows; row++) {
          long micros = createdAt.getLong(row);
          if (micros >= begin && micros < end) {
            target.add(feature.getString(row), micros, binId.getInt(row), binCount.getLong(row));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read archived " + query.type().tableName() + " at snapshot "
          + snapshotId, e);
    }
  }

  /**
   * Batches whose columns are exactly {@code columns}, in that order (they are listed in table
   * order). {@code project} rather than {@code select}: select would add the filter's columns to
   * the read; the entity columns are identity partitions, so partition pruning already decided
   * them and the residual filter names only {@code created_at}, which is read anyway.
   */
  private CloseableIterable<ColumnarBatch> batches(DriftQuery query, long snapshotId, List<String> columns) {
    scans.increment();
    Table table = tableWith(query.type(), snapshotId);
    Schema projection = table.schema().select(columns);
    TableScan scan = table.newScan()
        .useSnapshot(snapshotId)
        .filter(filter(query))
        .project(projection);
    return new VectorizedTableScanIterable(scan, BATCH_SIZE, true);
  }

  static Expression filter(DriftQuery query) {
    return Expressions.and(
        Expressions.equal(DriftType.SPACE.name(), query.space()),
        Expressions.equal(DriftType.NAME.name(), query.name()),
        Expressions.equal(DriftType.VERSION.name(), query.version()),
        Expressions.greaterThanOrEqual(DriftType.CREATED_AT.name(), query.window().beginMicros()),
        Expressions.lessThan(DriftType.CREATED_AT.name(), query.window().endMicros()));
  }

  /** The shared table, refreshed when the cut names a snapshot committed since it was loaded. */
  private Table tableWith(DriftType type, long snapshotId) {
    Table table = catalog.table(type);
    if (table.snapshot(snapshotId) == null) {
      synchronized (table) {
        if (table.snapshot(snapshotId) == null) {
          table.refresh();
        }
      }
      if (table.snapshot(snapshotId) == null) {
        throw new IllegalStateException("Cannot read " + type.tableName() + ": snapshot " + snapshotId
            + " of the archive state is not in the table's metadata");
      }
    }
    return table;
  }
}
