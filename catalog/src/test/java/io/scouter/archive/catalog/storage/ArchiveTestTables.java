package io.scouter.archive.catalog.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FanoutDataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.relocated.com.google.common.collect.ImmutableMap;
import org.apache.iceberg.relocated.com.google.common.collect.Lists;
import org.apache.iceberg.types.Types;

/**
 * A small drift-like table written and read the way the archiver does, through any {@link
 * Catalog}: the emulator tests use a JDBC catalog on SQLite, the service one on PostgreSQL.
 */
final class ArchiveTestTables {
  static final Schema SCHEMA =
      new Schema(
          Types.NestedField.required(1, "created_at", Types.TimestampType.withZone()),
          Types.NestedField.required(2, "space", Types.StringType.get()),
          Types.NestedField.optional(3, "name", Types.StringType.get()),
          Types.NestedField.optional(4, "version", Types.StringType.get()),
          Types.NestedField.optional(5, "feature", Types.StringType.get()),
          Types.NestedField.optional(6, "value", Types.DoubleType.get()));

  static final PartitionSpec SPEC =
      PartitionSpec.builderFor(SCHEMA)
          .day("created_at")
          .identity("space")
          .identity("name")
          .identity("version")
          .build();

  static final List<String> SPACES = List.of("alpha", "beta");
  static final List<String> NAMES = List.of("model-a", "model-b");
  static final int DAYS = 3;
  static final int ROWS_PER_PARTITION = 4;
  static final int PARTITIONS = SPACES.size() * NAMES.size() * DAYS;

  private ArchiveTestTables() {}

  static Table createTable(Catalog catalog, TableIdentifier identifier) {
    if (catalog instanceof SupportsNamespaces
        && !((SupportsNamespaces) catalog).namespaceExists(identifier.namespace())) {
      ((SupportsNamespaces) catalog).createNamespace(identifier.namespace());
    }
    return catalog.createTable(
        identifier, SCHEMA, SPEC, ImmutableMap.of(TableProperties.FORMAT_VERSION, "2"));
  }

  static TableIdentifier identifier(String table) {
    return TableIdentifier.of(Namespace.of("drift"), table);
  }

  /** Rows over {@link #DAYS} days, every space and name, one version; values are distinct. */
  static List<Record> sampleRecords() {
    List<Record> records = new ArrayList<>();
    OffsetDateTime start = OffsetDateTime.of(2026, 11, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    int counter = 0;
    for (int day = 0; day < DAYS; day++) {
      for (String space : SPACES) {
        for (String name : NAMES) {
          for (int row = 0; row < ROWS_PER_PARTITION; row++) {
            GenericRecord record = GenericRecord.create(SCHEMA);
            // 23:30 UTC is the next day in most western zones: a day transform bug would show.
            record.setField("created_at", start.plusDays(day).plusHours(row * 6L).plusMinutes(30));
            record.setField("space", space);
            record.setField("name", name);
            record.setField("version", "v1");
            record.setField("feature", "feature-" + (row % 2));
            record.setField("value", counter++ * 0.5);
            records.add(record);
          }
        }
      }
    }
    return records;
  }

  /** Writes Parquet files, one per partition, and commits them in one append. */
  static List<DataFile> append(Table table, List<Record> records) {
    GenericFileWriterFactory writerFactory =
        new GenericFileWriterFactory.Builder(table).dataFileFormat(FileFormat.PARQUET).build();
    OutputFileFactory fileFactory =
        OutputFileFactory.builderFor(table, 1, 1)
            .format(FileFormat.PARQUET)
            .operationId(UUID.randomUUID().toString())
            .build();
    FanoutDataWriter<Record> writer =
        new FanoutDataWriter<>(writerFactory, fileFactory, table.io(), 128L * 1024 * 1024);
    PartitionKey key = new PartitionKey(table.spec(), table.schema());
    InternalRecordWrapper wrapper = new InternalRecordWrapper(table.schema().asStruct());
    try (writer) {
      for (Record record : records) {
        key.partition(wrapper.wrap(record));
        writer.write(record, table.spec(), key);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<DataFile> files = writer.result().dataFiles();
    AppendFiles append = table.newAppend();
    files.forEach(append::appendFile);
    append.commit();
    return files;
  }

  /** Reads the rows of one space through a filtered scan. */
  static List<Record> readSpace(Table table, String space) {
    try (CloseableIterable<Record> rows =
        IcebergGenerics.read(table).where(Expressions.equal("space", space)).build()) {
      List<Record> result = new ArrayList<>();
      rows.forEach(row -> result.add(row.copy()));
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The data files a filtered scan plans for one space. */
  static List<String> plannedFiles(Table table, String space) {
    try (CloseableIterable<FileScanTask> tasks =
        table.newScan().filter(Expressions.equal("space", space)).planFiles()) {
      return Lists.newArrayList(
          org.apache.iceberg.relocated.com.google.common.collect.Iterables.transform(
              tasks, task -> task.file().location()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
