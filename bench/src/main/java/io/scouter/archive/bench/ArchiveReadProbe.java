package io.scouter.archive.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.catalog.iceberg.ArchiveCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.apache.iceberg.CombinedScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableScan;
import org.apache.iceberg.arrow.vectorized.ArrowReader;
import org.apache.iceberg.arrow.vectorized.ColumnarBatch;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.CloseableIterator;

/**
 * "Where the time goes", the archive side without the arithmetic: the route's scan (the readers'
 * snapshot, the entity and window filter, the time, series and value columns, Iceberg's vectorized
 * Arrow reader in batches of 8,192) read on one thread, touching every row's time and value but
 * adding nothing into bins. The gap to the route is binning, exact sums, merging and JSON.
 */
final class ArchiveReadProbe implements QueryProbe {
  private static final int BATCH_SIZE = 8192;

  private final ArchiveCatalog catalog;
  private final ReadersSnapshot snapshots;
  private final ObjectMapper mapper;

  ArchiveReadProbe(ArchiveCatalog catalog, ReadersSnapshot snapshots, ObjectMapper mapper) {
    this.catalog = catalog;
    this.snapshots = snapshots;
    this.mapper = mapper;
  }

  @Override
  public QueryAnswer query(DriftType type, BenchEntity entity, QueryWindow window) {
    long started = System.nanoTime();
    OptionalLong snapshot;
    try {
      snapshot = snapshots.of(type);
    } catch (SQLException e) {
      return QueryAnswer.failed("SQL " + e.getSQLState() + " " + e.getMessage());
    }
    if (snapshot.isEmpty()) {
      return QueryAnswer.failed("nothing archived");
    }
    Table table = catalog.table(type);
    if (table.snapshot(snapshot.getAsLong()) == null) {
      table.refresh();
    }
    TableScan scan = table.newScan().useSnapshot(snapshot.getAsLong()).filter(PlannedFiles.filter(entity, window))
        .project(table.schema().select(List.of(DriftType.CREATED_AT.name(), type.seriesColumn(), "value")));
    long rows = 0;
    double checksum = 0;
    try (CloseableIterable<CombinedScanTask> tasks = scan.planTasks();
        ArrowReader reader = new ArrowReader(scan, BATCH_SIZE, true);
        CloseableIterator<ColumnarBatch> batches = reader.open(tasks)) {
      while (batches.hasNext()) {
        ColumnarBatch batch = batches.next();
        for (int row = 0, count = batch.numRows(); row < count; row++) {
          checksum += batch.column(0).getLong(row) + batch.column(2).getDouble(row);
        }
        rows += batch.numRows();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    return QueryAnswer.ok(elapsed, mapper.createObjectNode().put("rows", rows).put("checksum", checksum));
  }
}
