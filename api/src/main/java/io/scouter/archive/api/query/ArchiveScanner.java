package io.scouter.archive.api.query;

import io.scouter.archive.api.limits.ScanPermits;
import io.scouter.archive.api.metrics.SeriesBinCounts;
import io.scouter.archive.api.metrics.SeriesMoments;
import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.catalog.iceberg.ArchiveCatalog;
import io.scouter.archive.catalog.iceberg.ScanPlanning;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.apache.iceberg.BaseCombinedScanTask;
import org.apache.iceberg.CombinedScanTask;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableScan;
import org.apache.iceberg.arrow.vectorized.ArrowReader;
import org.apache.iceberg.arrow.vectorized.ColumnVector;
import org.apache.iceberg.arrow.vectorized.ColumnarBatch;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.CloseableIterator;

/**
 * The Iceberg side of a query: a scan pinned to the cut's snapshot, pruned by partition and file
 * statistics on the entity and the window, reading only the time, series and value columns with
 * Iceberg's vectorized Arrow reader, and adding each row in the window to accumulators batch by
 * batch (nothing is materialised). The reader returns whole row groups, so rows are filtered on
 * {@code created_at} here. Rows come sorted by series within a file, so a series is looked up
 * where it changes, not per row ({@link SeriesColumn}).
 *
 * <p>The planned files are split into up to {@code parallelism} groups of similar size: the calling
 * thread reads the first, the executor the others, each into accumulators of its own that are
 * merged at the end (exact sums, so the grouping does not change the answer). A group the executor
 * has not started when the calling thread is done with its own is read by the calling thread, so a
 * busy executor never makes a query slower than reading alone; executor tasks never wait.
 */
public final class ArchiveScanner {
  static final int BATCH_SIZE = 8192;

  private final ArchiveCatalog catalog;
  private final Executor executor;
  private final int parallelism;
  private final ScanPermits permits;
  private final LongAdder scans = new LongAdder();

  /** A scanner that reads every file on the calling thread, with no cap on concurrent scans. */
  public ArchiveScanner(ArchiveCatalog catalog) {
    this(catalog, Runnable::run, 1);
  }

  /** A scanner with no cap on concurrent scans. */
  public ArchiveScanner(ArchiveCatalog catalog, Executor executor, int parallelism) {
    this(catalog, executor, parallelism, ScanPermits.unlimited());
  }

  /**
   * @param permits taken by each scan while it plans and reads, and only then: the hot half of a
   *     query needs none, so PostgreSQL-only answers are never refused for lack of one
   */
  public ArchiveScanner(ArchiveCatalog catalog, Executor executor, int parallelism, ScanPermits permits) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("Invalid parallelism: " + parallelism + " (must be at least 1)");
    }
    this.catalog = catalog;
    this.executor = executor;
    this.parallelism = parallelism;
    this.permits = permits;
  }

  /** How many scans were started: queries whose window the archive could not hold start none. */
  public long scans() {
    return scans.sum();
  }

  /** Adds the archived SPC or custom rows of the query to {@code target}. */
  public void moments(DriftQuery query, long snapshotId, SeriesMoments target) {
    long begin = query.window().beginMicros();
    long end = query.window().endMicros();
    scan(query, snapshotId, List.of(DriftType.CREATED_AT.name(), query.type().seriesColumn(), "value"), target,
        () -> new SeriesMoments(query.binning()), SeriesMoments::mergeAll, (batch, moments) -> {
          ColumnVector createdAt = batch.column(0);
          SeriesColumn series = SeriesColumn.of(batch.column(1));
          ColumnVector value = batch.column(2);
          SeriesMoments.Series current = null;
          int currentRow = -1;
          for (int row = 0, rows = batch.numRows(); row < rows; row++) {
            long micros = createdAt.getLong(row);
            if (micros >= begin && micros < end) {
              if (current == null || !series.same(row, currentRow)) {
                current = moments.series(series.value(row));
                currentRow = row;
              }
              current.add(micros, value.getDouble(row));
            }
          }
        });
  }

  /** Adds the archived PSI rows of the query to {@code target}. */
  public void binCounts(DriftQuery query, long snapshotId, SeriesBinCounts target) {
    long begin = query.window().beginMicros();
    long end = query.window().endMicros();
    scan(query, snapshotId, List.of(DriftType.CREATED_AT.name(), "feature", "bin_id", "bin_count"), target,
        () -> new SeriesBinCounts(query.binning()), SeriesBinCounts::mergeAll, (batch, counts) -> {
          ColumnVector createdAt = batch.column(0);
          SeriesColumn feature = SeriesColumn.of(batch.column(1));
          ColumnVector binId = batch.column(2);
          ColumnVector binCount = batch.column(3);
          SeriesBinCounts.Feature current = null;
          int currentRow = -1;
          for (int row = 0, rows = batch.numRows(); row < rows; row++) {
            long micros = createdAt.getLong(row);
            if (micros >= begin && micros < end) {
              if (current == null || !feature.same(row, currentRow)) {
                current = counts.feature(feature.value(row));
                currentRow = row;
              }
              current.add(micros, binId.getInt(row), binCount.getLong(row));
            }
          }
        });
  }

  static Expression filter(DriftQuery query) {
    return Expressions.and(
        Expressions.equal(DriftType.SPACE.name(), query.space()),
        Expressions.equal(DriftType.NAME.name(), query.name()),
        Expressions.equal(DriftType.VERSION.name(), query.version()),
        Expressions.greaterThanOrEqual(DriftType.CREATED_AT.name(), query.window().beginMicros()),
        Expressions.lessThan(DriftType.CREATED_AT.name(), query.window().endMicros()));
  }

  /**
   * Plans the scan and reads its files into {@code target} and, for further file groups, into new
   * accumulators merged into {@code target}. {@code columns} are in table order, which is the
   * order of the batch's columns. {@code project} rather than {@code select}: select would add the
   * filter's columns to the read; the entity columns are identity partitions, so partition pruning
   * decides them and the residual filter names only {@code created_at}, which is read anyway.
   */
  private <A> void scan(DriftQuery query, long snapshotId, List<String> columns, A target, Supplier<A> newPart,
      BiConsumer<A, A> merge, BiConsumer<ColumnarBatch, A> consume) {
    scans.increment();
    try (ScanPermits.Permit permit = permits.acquire()) {
      scanHoldingPermit(query, snapshotId, columns, target, newPart, merge, consume);
    }
  }

  private <A> void scanHoldingPermit(DriftQuery query, long snapshotId, List<String> columns, A target,
      Supplier<A> newPart, BiConsumer<A, A> merge, BiConsumer<ColumnarBatch, A> consume) {
    Table table = tableWith(query.type(), snapshotId);
    Schema projection = table.schema().select(columns);
    TableScan scan = ScanPlanning.forStorage(
        table.newScan().useSnapshot(snapshotId).filter(filter(query)).project(projection), table);
    List<List<FileScanTask>> groups = groups(scan);
    if (groups.isEmpty()) {
      return;
    }
    List<GroupRead<A>> others = new ArrayList<>();
    for (List<FileScanTask> group : groups.subList(1, groups.size())) {
      GroupRead<A> other = new GroupRead<>(() -> {
        A part = newPart.get();
        read(scan, group, part, consume);
        return part;
      });
      others.add(other);
      executor.execute(other::runIfUnclaimed);
    }
    read(scan, groups.get(0), target, consume);
    for (GroupRead<A> other : others) {
      // A group the executor has not started yet is read here: a busy executor never makes a query wait.
      other.runIfUnclaimed();
      try {
        merge.accept(target, other.result.join());
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException cause ? cause : e;
      }
    }
  }

  /** One file group, read by whichever thread claims it first. */
  private static final class GroupRead<A> {
    private final Supplier<A> read;
    private final AtomicBoolean claimed = new AtomicBoolean();
    final CompletableFuture<A> result = new CompletableFuture<>();

    GroupRead(Supplier<A> read) {
      this.read = read;
    }

    void runIfUnclaimed() {
      if (claimed.compareAndSet(false, true)) {
        try {
          result.complete(read.get());
        } catch (RuntimeException | Error e) {
          result.completeExceptionally(e);
        }
      }
    }
  }

  /** The planned files in up to {@code parallelism} groups of similar byte size, largest files first. */
  private List<List<FileScanTask>> groups(TableScan scan) {
    List<FileScanTask> tasks = new ArrayList<>();
    try (CloseableIterable<FileScanTask> planned = scan.planFiles()) {
      planned.forEach(tasks::add);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot plan the archive scan", e);
    }
    tasks.sort(Comparator.comparingLong(FileScanTask::length).reversed());
    int count = Math.min(parallelism, tasks.size());
    List<List<FileScanTask>> groups = new ArrayList<>(count);
    long[] sizes = new long[count];
    for (int i = 0; i < count; i++) {
      groups.add(new ArrayList<>());
    }
    for (FileScanTask task : tasks) {
      int smallest = 0;
      for (int i = 1; i < count; i++) {
        smallest = sizes[i] < sizes[smallest] ? i : smallest;
      }
      groups.get(smallest).add(task);
      sizes[smallest] += task.length();
    }
    return groups;
  }

  private static <A> void read(TableScan scan, List<FileScanTask> files, A target,
      BiConsumer<ColumnarBatch, A> consume) {
    CloseableIterable<CombinedScanTask> tasks =
        CloseableIterable.withNoopClose(List.of(new BaseCombinedScanTask(files)));
    try (ArrowReader reader = new ArrowReader(scan, BATCH_SIZE, true);
        CloseableIterator<ColumnarBatch> batches = reader.open(tasks)) {
      while (batches.hasNext()) {
        consume.accept(batches.next(), target);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read archived " + scan.table().name(), e);
    }
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
