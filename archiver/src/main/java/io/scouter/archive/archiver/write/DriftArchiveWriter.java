package io.scouter.archive.archiver.write;

import io.scouter.archive.catalog.drift.DriftTableDefinition;
import io.scouter.archive.catalog.drift.DriftType;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
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
 * <p>Memory stays bounded whatever the run's size: rows arrive ordered by partition, so one data file
 * is open at a time (plus, with {@link Pipelining#DECODE_AHEAD}, a few fixed-size row batches in
 * flight). Files roll over at the table's {@code write.target-file-size-bytes}.
 *
 * <p>If writing fails, the files written so far are deleted (nothing references them) and the
 * exception propagates; the COPY is cancelled so the connection stays usable.
 */
public final class DriftArchiveWriter {
  private static final Logger LOG = LoggerFactory.getLogger(DriftArchiveWriter.class);

  private final Table table;
  private final DriftType type;
  private final Pipelining pipelining;
  private final ArchiveFileWriterFactory writerFactory;
  private final long targetFileSizeBytes;

  /** Whether decoding the COPY stream and encoding Parquet share one thread or run on two. */
  public enum Pipelining {
    /** Decode and encode on the calling thread. */
    SINGLE_THREAD,
    /** A second thread decodes the COPY stream into row batches while the calling thread encodes. */
    DECODE_AHEAD
  }

  public DriftArchiveWriter(Table table, DriftType type) {
    this(table, type, Pipelining.DECODE_AHEAD);
  }

  public DriftArchiveWriter(Table table, DriftType type, Pipelining pipelining) {
    this.table = table;
    this.type = type;
    this.pipelining = pipelining;
    DriftTableDefinition definition = DriftTableDefinition.of(type);
    requireCompatible(table, definition);
    SortOrder sortOrder = table.sortOrder().sameOrder(definition.sortOrder()) ? table.sortOrder() : null;
    this.writerFactory = new ArchiveFileWriterFactory(
        type, table.schema(), table.properties(), MetricsConfig.forTable(table), sortOrder);
    this.targetFileSizeBytes = PropertyUtil.propertyAsLong(
        table.properties(),
        TableProperties.WRITE_TARGET_FILE_SIZE_BYTES,
        TableProperties.WRITE_TARGET_FILE_SIZE_BYTES_DEFAULT);
  }

  /**
   * Writes the selected rows of this writer's drift type into new data files of the table.
   *
   * @param connection a PostgreSQL connection (PgJDBC, possibly pooled); its transaction state is
   *     left as it is, so the caller decides which snapshot of the hot table the COPY sees
   */
  public ArchiveWriteResult write(Connection connection, RowSelection rows) throws SQLException {
    String operationId = rows.label() + "-" + UUID.randomUUID();
    long started = System.nanoTime();
    CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(CopyQuery.copy(type, rows));
    ClusteredArchiveWriter writer = new ClusteredArchiveWriter(
        writerFactory, newFileFactory(operationId), table.io(), targetFileSizeBytes, table.spec());
    try {
      RowSink sink = new RowSink(writer);
      ArchiveRowReader reader = new ArchiveRowReader(type, copy::readFromCopy);
      if (pipelining == Pipelining.DECODE_AHEAD) {
        DecodeAheadPipeline.run(reader, sink, type);
      } else {
        ArchiveRow row = new ArchiveRow();
        while (reader.next(row)) {
          sink.accept(reader.partition(), row);
        }
      }
      if (copy.getHandledRowCount() != sink.rows) {
        throw new IllegalStateException("Cannot trust the archive write: COPY reported "
            + copy.getHandledRowCount() + " rows, " + sink.rows + " were written");
      }
      List<DataFile> dataFiles = writer.finish();
      ArchiveWriteResult result = sink.result(dataFiles);
      LOG.info("Archived {} rows of {} ({}) into {} data files, {} bytes, in {} ms",
          result.rowCount(), type.tableName(), rows, dataFiles.size(), result.totalBytes(),
          (System.nanoTime() - started) / 1_000_000);
      return result;
    } catch (SQLException | RuntimeException | Error e) {
      cancel(copy, e);
      writer.abort();
      throw e;
    }
  }

  private OutputFileFactory newFileFactory(String operationId) {
    return OutputFileFactory.builderFor(table, 0, 0)
        .format(FileFormat.PARQUET)
        .operationId(operationId)
        .build();
  }

  private static void cancel(CopyOut copy, Throwable failure) {
    if (copy.isActive()) {
      try {
        copy.cancelCopy();
      } catch (SQLException | RuntimeException e) {
        failure.addSuppressed(e);
      }
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

  /** Counts rows and tracks the time range on their way into the clustered writer. */
  static final class RowSink {
    private final ClusteredArchiveWriter writer;
    private long rows;
    private long minMicros = Long.MAX_VALUE;
    private long maxMicros = Long.MIN_VALUE;

    RowSink(ClusteredArchiveWriter writer) {
      this.writer = writer;
    }

    void accept(ArchivePartition partition, ArchiveRow row) {
      long micros = row.createdAtMicros;
      if (micros < minMicros) {
        minMicros = micros;
      }
      if (micros > maxMicros) {
        maxMicros = micros;
      }
      writer.write(partition, row);
      rows++;
    }

    ArchiveWriteResult result(List<DataFile> dataFiles) {
      return new ArchiveWriteResult(
          dataFiles, rows, rows == 0 ? Optional.empty() : Optional.of(instant(minMicros)),
          rows == 0 ? Optional.empty() : Optional.of(instant(maxMicros)));
    }

    private static Instant instant(long micros) {
      return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
  }
}
