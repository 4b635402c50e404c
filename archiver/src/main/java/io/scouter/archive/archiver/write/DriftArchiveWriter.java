package io.scouter.archive.archiver.write;

import io.scouter.archive.archiver.run.RunFiles;
import io.scouter.archive.archiver.run.UncommittedFiles;
import io.scouter.archive.catalog.drift.DriftTableDefinition;
import io.scouter.archive.catalog.drift.DriftType;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.util.PropertyUtil;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archiver's write path: streams one run's rows out of a PostgreSQL hot table with a binary
 * {@code COPY} and writes them as Parquet data files of the drift type's Iceberg table, returning
 * the files for the caller to commit in one append. It commits nothing itself.
 *
 * <p>Rows arrive clustered by partition (entity, then created_at, straight off the entity/time
 * index), are gathered per partition into a {@link PartitionRun}, sorted by the table's sort order
 * and encoded by Iceberg's Parquet writer, on the calling thread or on encoder threads. Memory stays
 * bounded whatever the run's size: one open file per encoder thread and a fixed set of runs. Files
 * roll over at the table's {@code write.target-file-size-bytes}.
 *
 * <p>Why not Iceberg's generic writer (a {@code GenericRecord} and {@code PartitionKey} per row into
 * its {@code ClusteredDataWriter}): it measured 0.61M rows/s against this path's 1.15–1.22M rows/s on
 * the same 2M rows (BENCHMARKS.md, "Archive write path"). Iceberg still encodes every file, keeps
 * its statistics and commits; only the row feed and the partition routing are ours.
 *
 * <p>If writing fails, the files written so far are deleted (nothing references them) and the
 * exception propagates; the rest of the COPY is drained or cancelled, so the connection stays
 * usable.
 */
final class DriftArchiveWriter {
  private static final Logger LOG = LoggerFactory.getLogger(DriftArchiveWriter.class);
  /** Closes wait on the disk or the network, not the CPU: a few threads overlap them. */
  private static final int CLOSER_THREADS = 4;
  private static final int MAX_PENDING_CLOSES = 16;
  private static final Duration DRAIN_BEFORE_CANCEL = Duration.ofMillis(500);
  private static final String QUERY_CANCELED = "57014";

  private final Table table;
  private final DriftType type;
  private final ArchiveWriteOptions options;
  private final MetricsConfig metricsConfig;
  private final SortOrder sortOrder;
  private final long targetFileSizeBytes;
  private final Duration drainBeforeCancel;

  DriftArchiveWriter(Table table, DriftType type) {
    this(table, type, ArchiveWriteOptions.defaults());
  }

  DriftArchiveWriter(Table table, DriftType type, ArchiveWriteOptions options) {
    this(table, type, options, DRAIN_BEFORE_CANCEL);
  }

  /** @param drainBeforeCancel how long a failed write reads on before asking the server to cancel */
  DriftArchiveWriter(Table table, DriftType type, ArchiveWriteOptions options, Duration drainBeforeCancel) {
    this.drainBeforeCancel = drainBeforeCancel;
    this.table = table;
    this.type = type;
    this.options = options;
    DriftTableDefinition definition = DriftTableDefinition.of(type);
    requireCompatible(table, definition);
    // Files claim the table's sort order only if it is the one PartitionRun sorts by.
    this.sortOrder = table.sortOrder().sameOrder(definition.sortOrder()) ? table.sortOrder() : null;
    this.metricsConfig = MetricsConfig.forTable(table);
    this.targetFileSizeBytes = PropertyUtil.propertyAsLong(
        table.properties(),
        TableProperties.WRITE_TARGET_FILE_SIZE_BYTES,
        TableProperties.WRITE_TARGET_FILE_SIZE_BYTES_DEFAULT);
  }

  /**
   * Writes the selected rows of this writer's drift type into new data files of the table.
   *
   * @param connection a PostgreSQL connection (PgJDBC, possibly pooled), used only by the calling
   *     thread; its transaction state is left as it is, so the caller decides which snapshot of the
   *     hot table the COPY sees
   */
  RunFiles write(Connection connection, RowSelection rows) throws SQLException {
    long started = System.nanoTime();
    try (BackgroundCloser closer = new BackgroundCloser(
        CLOSER_THREADS, MAX_PENDING_CLOSES, "archive-close-" + type.tableName())) {
      ArchiveFileWriterFactory writerFactory = new ArchiveFileWriterFactory(
          type, table.schema(), writeProperties(table), metricsConfig, sortOrder, closer);
      OutputFileFactory files = newFileFactory(rows.label() + "-" + UUID.randomUUID());
      Supplier<ClusteredArchiveWriter> newWriter = () -> new ClusteredArchiveWriter(
          writerFactory, files, table.io(), targetFileSizeBytes, table.spec());
      RunWriter runs = options.encoderThreads() == 0
          ? new InlineRunWriter(newWriter.get(), options.maxRunRows(), type)
          : new ParallelRunWriter(options.encoderThreads(), newWriter, options.maxRunRows(), type,
              "archive-encode-" + type.tableName());
      CopyOut copy = null;
      try {
        copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(CopyQuery.copy(type, rows));
        ArchiveRowReader reader = new ArchiveRowReader(type, copy::readFromCopy);
        TimeRange range = readInto(reader, runs);
        if (copy.getHandledRowCount() != reader.rows()) {
          throw new IllegalStateException("Cannot trust the archive write: COPY reported "
              + copy.getHandledRowCount() + " rows, " + reader.rows() + " were decoded");
        }
        List<DataFile> dataFiles = runs.finish();
        closer.awaitAll();
        RunFiles result = new RunFiles(dataFiles, reader.rows(), range.min(), range.max());
        LOG.debug("Archived {} rows of {} ({}) into {} data files, {} bytes, in {} ms",
            result.rows(), type.tableName(), rows, dataFiles.size(), result.bytes(),
            (System.nanoTime() - started) / 1_000_000);
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        if (copy != null) {
          abandonCopy(connection, copy, drainBeforeCancel, e);
        }
        List<String> written = runs.abandon();
        try {
          closer.awaitAll();
        } catch (RuntimeException closeFailure) {
          e.addSuppressed(closeFailure);
        }
        UncommittedFiles.deleteQuietly(table.io(), written);
        throw e;
      }
    }
  }

  /** Gathers the rows into per-partition runs and hands each full or finished run over. */
  private static TimeRange readInto(ArchiveRowReader reader, RunWriter runs) throws SQLException {
    TimeRange range = new TimeRange();
    ArchiveRow row = new ArchiveRow();
    PartitionRun run = runs.nextFree();
    run.start(null);
    while (reader.next(row)) {
      ArchivePartition partition = reader.partition();
      if (partition != run.partition() || run.isFull()) {
        if (run.size() > 0) {
          runs.accept(run);
          run = runs.nextFree();
        }
        run.start(partition);
      }
      run.add(row);
      range.add(row.createdAtMicros);
    }
    if (run.size() > 0) {
      runs.accept(run);
    }
    return range;
  }

  /** The table's properties over the definition's write tuning: a table's own setting wins. */
  private static Map<String, String> writeProperties(Table table) {
    Map<String, String> properties = new HashMap<>(DriftTableDefinition.writeTuning());
    properties.putAll(table.properties());
    return properties;
  }

  private OutputFileFactory newFileFactory(String operationId) {
    return OutputFileFactory.builderFor(table, 0, 0)
        .format(FileFormat.PARQUET)
        .operationId(operationId)
        .build();
  }

  /**
   * Leaves the connection ready for its next statement. PgJDBC's {@code cancelCopy()} only signals
   * the server and leaves the rest of the stream unread, which the next statement would then trip
   * over; so the rest is read and dropped, and the server is asked to cancel only if that takes long
   * (the server then surely is still mid-COPY, so the cancel cannot hit a later statement).
   */
  private static void abandonCopy(Connection connection, CopyOut copy, Duration drainBeforeCancel, Throwable failure) {
    if (!copy.isActive()) {
      return;
    }
    long cancelAt = System.nanoTime() + drainBeforeCancel.toNanos();
    boolean cancelled = false;
    long dropped = 0;
    try {
      while (copy.readFromCopy() != null) {
        dropped++;
        if (!cancelled && System.nanoTime() > cancelAt) {
          connection.unwrap(PGConnection.class).cancelQuery();
          cancelled = true;
        }
      }
    } catch (SQLException e) {
      if (!cancelled || !QUERY_CANCELED.equals(e.getSQLState())) {
        failure.addSuppressed(e);
      }
    }
    if (copy.isActive()) {
      abort(connection, failure);
      return;
    }
    LOG.info("Abandoned the COPY after a failure: dropped {} messages, {}", dropped,
        cancelled ? "then cancelled it" : "to its end");
  }

  /**
   * The COPY could not be read to its end (the server went away mid-stream): PgJDBC still holds the
   * connection for it, and any later statement, the caller's rollback included, would wait for it
   * forever. Aborting closes the socket; the pool then evicts the connection.
   */
  private static void abort(Connection connection, Throwable failure) {
    try {
      connection.abort(Runnable::run);
      LOG.info("Abandoned the COPY after a failure: the connection was lost mid-stream and is aborted");
    } catch (SQLException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  private static void requireCompatible(Table table, DriftTableDefinition definition) {
    if (!table.schema().sameSchema(definition.schema())) {
      throw new IllegalArgumentException("Cannot archive into table " + table.name()
          + ": schema " + table.schema() + " is not the " + definition.type() + " drift schema");
    }
    if (!table.spec().compatibleWith(definition.partitionSpec())) {
      throw new IllegalArgumentException("Cannot archive into table " + table.name()
          + ": partition spec " + table.spec() + " is not " + definition.partitionSpec());
    }
    String format = table.properties()
        .getOrDefault(TableProperties.DEFAULT_FILE_FORMAT, TableProperties.DEFAULT_FILE_FORMAT_DEFAULT);
    if (FileFormat.fromString(format) != FileFormat.PARQUET) {
      throw new IllegalArgumentException("Cannot archive into table " + table.name()
          + ": file format " + format.toLowerCase(Locale.ROOT) + " is not supported, only parquet");
    }
  }

  /** The smallest and largest created_at seen, for the snapshot summary. */
  private static final class TimeRange {
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;
    private boolean empty = true;

    void add(long micros) {
      empty = false;
      if (micros < min) {
        min = micros;
      }
      if (micros > max) {
        max = micros;
      }
    }

    Optional<Instant> min() {
      return empty ? Optional.empty() : Optional.of(Instant.EPOCH.plus(min, ChronoUnit.MICROS));
    }

    Optional<Instant> max() {
      return empty ? Optional.empty() : Optional.of(Instant.EPOCH.plus(max, ChronoUnit.MICROS));
    }
  }
}
