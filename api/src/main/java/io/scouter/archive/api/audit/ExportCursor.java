package io.scouter.archive.api.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.CloseableIterator;
import org.apache.iceberg.parquet.Parquet;

/**
 * A forward cursor over the rows of one data file, read with Iceberg's generic Parquet reader.
 * The filter prunes row groups (statistics and dictionaries) only: rows are checked by the caller.
 * Holds one row group of the file in memory at a time.
 */
final class ExportCursor implements AutoCloseable {
  private final CloseableIterable<Record> records;
  private final CloseableIterator<Record> iterator;
  private Record head;

  private ExportCursor(CloseableIterable<Record> records) {
    this.records = records;
    this.iterator = records.iterator();
  }

  static CloseableIterable<Record> open(Table table, DataFile file, Schema projection, Expression filter) {
    return Parquet.read(table.io().newInputFile(file.location()))
        .project(projection)
        .createReaderFunc(fileSchema -> GenericParquetReaders.buildReader(projection, fileSchema))
        .filter(filter)
        .build();
  }

  static ExportCursor over(Table table, DataFile file, Schema projection, Expression filter) {
    return new ExportCursor(open(table, file, projection, filter));
  }

  /** The current row, or null when the file is exhausted; {@link #advance()} moves to the next. */
  Record head() {
    return head;
  }

  /** Moves to the next row; returns false at the end of the file. */
  boolean advance() {
    head = iterator.hasNext() ? iterator.next() : null;
    return head != null;
  }

  static long micros(Object timestamptz) {
    OffsetDateTime at = (OffsetDateTime) timestamptz;
    return Math.addExact(Math.multiplyExact(at.toEpochSecond(), 1_000_000L), at.getNano() / 1_000);
  }

  @Override
  public void close() {
    try {
      iterator.close();
      records.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot close an export cursor", e);
    }
  }
}
