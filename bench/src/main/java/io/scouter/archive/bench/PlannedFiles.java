package io.scouter.archive.bench;

import io.scouter.archive.catalog.drift.DriftType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Pruning, measured with the plain Iceberg API: how many data files a one-entity, one-window scan
 * plans at the readers' snapshot ({@code scouter.archive_state}), against all the snapshot's files.
 * It uses the filter an archive read needs (entity equality and the time range), not the route's code.
 */
final class PlannedFiles {
  private final ReadersSnapshot snapshots;

  PlannedFiles(DataSource dataSource) {
    this.snapshots = new ReadersSnapshot(dataSource);
  }

  record Result(long snapshotId, int planned, long total, Duration planning) {}

  /** Empty when nothing of the type is archived yet. */
  Optional<Result> plan(Table table, DriftType type, BenchEntity entity, QueryWindow window)
      throws SQLException {
    OptionalLong snapshotId = snapshots.of(type);
    if (snapshotId.isEmpty()) {
      return Optional.empty();
    }
    table.refresh();
    Snapshot snapshot = table.snapshot(snapshotId.getAsLong());
    count(table, snapshot, entity, window); // untimed: loads classes and warms the manifest reads
    long started = System.nanoTime();
    int planned = count(table, snapshot, entity, window);
    Duration planning = Duration.ofNanos(System.nanoTime() - started);
    long total = Long.parseLong(snapshot.summary().getOrDefault("total-data-files", "-1"));
    return Optional.of(new Result(snapshot.snapshotId(), planned, total, planning));
  }

  private static int count(Table table, Snapshot snapshot, BenchEntity entity, QueryWindow window) {
    int planned = 0;
    try (CloseableIterable<FileScanTask> tasks =
        table.newScan().useSnapshot(snapshot.snapshotId()).filter(filter(entity, window)).planFiles()) {
      for (FileScanTask ignored : tasks) {
        planned++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return planned;
  }

  static Expression filter(BenchEntity entity, QueryWindow window) {
    return Expressions.and(
        Expressions.equal(DriftType.SPACE.name(), entity.space()),
        Expressions.equal(DriftType.NAME.name(), entity.name()),
        Expressions.equal(DriftType.VERSION.name(), entity.version()),
        Expressions.greaterThanOrEqual(DriftType.CREATED_AT.name(), micros(window.begin())),
        Expressions.lessThan(DriftType.CREATED_AT.name(), micros(window.end())));
  }

  private static long micros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }
}
