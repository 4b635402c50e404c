package io.scouter.archive.catalog.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.FanoutDataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.types.Types;

/** A drift-like table (day x space x name x version partitions) and a writer for it, for tests. */
final class DriftTables {
  static final Schema SCHEMA =
      new Schema(
          Types.NestedField.required(1, "created_at", Types.TimestampType.withZone()),
          Types.NestedField.required(2, "space", Types.StringType.get()),
          Types.NestedField.required(3, "name", Types.StringType.get()),
          Types.NestedField.required(4, "version", Types.StringType.get()),
          Types.NestedField.required(5, "feature", Types.StringType.get()),
          Types.NestedField.optional(6, "value", Types.DoubleType.get()));

  static final PartitionSpec SPEC =
      PartitionSpec.builderFor(SCHEMA).day("created_at").identity("space").identity("name").identity("version").build();

  static final OffsetDateTime START = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
  private static final long TARGET_FILE_SIZE = 512L * 1024 * 1024;

  private DriftTables() {}

  /**
   * Emits {@code rows} records spread evenly over {@code days} days and {@code entities} (space,
   * name, version) combinations, so {@code days * entities} partitions. Deterministic.
   */
  static void generate(long rows, int days, int entities, Consumer<Record> sink) {
    GenericRecord template = GenericRecord.create(SCHEMA);
    String[] spaces = new String[entities];
    String[] names = new String[entities];
    String[] versions = new String[entities];
    for (int entity = 0; entity < entities; entity++) {
      spaces[entity] = "space-" + (entity % 3);
      names[entity] = "model " + (entity / 3); // a space: encoded as '+' in the partition path
      versions[entity] = "v1/" + (entity % 2); // a slash: encoded as %2F in the partition path
    }
    String[] features = {"feature_0", "feature_1", "feature_2", "feature_3", "feature_4"};
    long secondsSpan = days * 86_400L;
    for (long i = 0; i < rows; i++) {
      int entity = (int) (i % entities);
      GenericRecord row = template.copy();
      row.set(0, START.plusSeconds((i * 7919) % secondsSpan));
      row.set(1, spaces[entity]);
      row.set(2, names[entity]);
      row.set(3, versions[entity]);
      row.set(4, features[(int) (i % features.length)]);
      row.set(5, (i % 97 == 0) ? null : (i % 1000) / 10.0);
      sink.accept(row);
    }
  }

  /** Writes the rows with a fanout writer and commits them in one append; returns the files. */
  static List<DataFile> append(Table table, Iterable<Record> rows) {
    return append(table, sink -> rows.forEach(sink));
  }

  static List<DataFile> append(Table table, Consumer<Consumer<Record>> producer) {
    GenericFileWriterFactory writerFactory =
        new GenericFileWriterFactory.Builder(table).dataFileFormat(FileFormat.PARQUET).build();
    OutputFileFactory fileFactory = OutputFileFactory.builderFor(table, 1, System.nanoTime()).format(FileFormat.PARQUET).build();
    PartitionKey key = new PartitionKey(table.spec(), table.schema());
    InternalRecordWrapper wrapper = new InternalRecordWrapper(table.schema().asStruct());
    FanoutDataWriter<Record> writer = new FanoutDataWriter<>(writerFactory, fileFactory, table.io(), TARGET_FILE_SIZE);
    try (writer) {
      producer.accept(
          row -> {
            key.partition(wrapper.wrap(row));
            writer.write(row, table.spec(), key);
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<DataFile> files = writer.result().dataFiles();
    AppendFiles append = table.newAppend();
    files.forEach(append::appendFile);
    append.commit();
    return files;
  }
}
