package io.scouter.archive.archiver.write;

import io.scouter.archive.catalog.drift.DriftType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.ClusteredDataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.util.PropertyUtil;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * The straightforward write path, for the benchmark's comparison only: the same ordered binary COPY
 * and decoder, but a new generic {@link Record} per row, a {@link PartitionKey} computed per row, and
 * Iceberg's {@link GenericFileWriterFactory} with its {@link ClusteredDataWriter}.
 */
final class NaiveArchiveWriter {
  private NaiveArchiveWriter() {}

  static List<DataFile> write(Table table, DriftType type, Connection connection, RowSelection rows)
      throws SQLException {
    CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(CopyQuery.copy(type, rows));
    PgBinaryCopyDecoder decoder = new PgBinaryCopyDecoder(copy::readFromCopy, type.columns().size());
    GenericFileWriterFactory writers =
        new GenericFileWriterFactory.Builder(table).dataFileFormat(FileFormat.PARQUET).build();
    OutputFileFactory files = OutputFileFactory.builderFor(table, 0, 0)
        .format(FileFormat.PARQUET).operationId("naive-" + UUID.randomUUID()).build();
    long target = PropertyUtil.propertyAsLong(table.properties(), "write.target-file-size-bytes", 512L << 20);
    PartitionKey key = new PartitionKey(table.spec(), table.schema());
    InternalRecordWrapper wrapper = new InternalRecordWrapper(table.schema().asStruct());
    GenericRecord template = GenericRecord.create(table.schema());
    ClusteredDataWriter<Record> writer = new ClusteredDataWriter<>(writers, files, table.io(), target);
    try (writer) {
      while (decoder.next()) {
        GenericRecord record = template.copy();
        record.set(0, OffsetDateTime.ofInstant(
            Instant.EPOCH.plus(decoder.timestampMicros(0), ChronoUnit.MICROS), ZoneOffset.UTC));
        for (int field = 1; field <= 4; field++) {
          record.set(field, decoder.text(field));
        }
        if (type == DriftType.PSI) {
          record.set(5, decoder.int32(5));
          record.set(6, (long) decoder.int32(6));
        } else {
          record.set(5, decoder.float8(5));
        }
        key.partition(wrapper.wrap(record));
        writer.write(record, table.spec(), key);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return writer.result().dataFiles();
  }
}
