package io.scouter.archive.archiver.write;

import io.scouter.archive.catalog.drift.DriftType;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.iceberg.DoubleFieldMetrics;
import org.apache.iceberg.FieldMetrics;
import org.apache.iceberg.parquet.ParquetValueWriter;
import org.apache.iceberg.parquet.ParquetValueWriters;
import org.apache.iceberg.parquet.TripleWriter;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;

/**
 * Iceberg's Parquet value writer for our flat, all-required drift schemas, fed from a reused
 * {@link ArchiveRow}: primitives go straight to Iceberg's column writers (no boxing, no struct
 * accessor per field, no string encoding), so Iceberg's Parquet encoding, statistics and metrics
 * stay in charge. Double columns keep Iceberg's own NaN-aware {@link DoubleFieldMetrics}, as
 * {@code ParquetValueWriters.doubles} does.
 */
final class ArchiveRowParquetWriter implements ParquetValueWriter<ArchiveRow> {
  private final LongColumn createdAt;
  private final BinaryColumn space;
  private final BinaryColumn name;
  private final BinaryColumn version;
  private final BinaryColumn series;
  private final DoubleColumn value;
  private final IntColumn binId;
  private final LongColumn binCount;
  private final List<ParquetValueWriters.PrimitiveWriter<?>> writers = new ArrayList<>();
  private final List<TripleWriter<?>> columns = new ArrayList<>();

  ArchiveRowParquetWriter(DriftType type, MessageType fileSchema) {
    List<String> names = type.columnNames();
    Columns descriptors = new Columns(fileSchema);
    this.createdAt = add(new LongColumn(descriptors.byName(names.get(0))));
    this.space = add(new BinaryColumn(descriptors.byName(names.get(1))));
    this.name = add(new BinaryColumn(descriptors.byName(names.get(2))));
    this.version = add(new BinaryColumn(descriptors.byName(names.get(3))));
    this.series = add(new BinaryColumn(descriptors.byName(names.get(4))));
    if (type == DriftType.PSI) {
      this.value = null;
      this.binId = add(new IntColumn(descriptors.byName(names.get(5))));
      this.binCount = add(new LongColumn(descriptors.byName(names.get(6))));
    } else {
      this.value = add(new DoubleColumn(descriptors.byName(names.get(5))));
      this.binId = null;
      this.binCount = null;
    }
    if (writers.size() != fileSchema.getColumns().size()) {
      throw new IllegalArgumentException("Invalid file schema for " + type + ": " + fileSchema);
    }
  }

  private <W extends ParquetValueWriters.PrimitiveWriter<?>> W add(W writer) {
    writers.add(writer);
    columns.addAll(writer.columns());
    return writer;
  }

  @Override
  public void write(int repetitionLevel, ArchiveRow row) {
    createdAt.write(row.createdAtMicros);
    space.write(row.space);
    name.write(row.name);
    version.write(row.version);
    series.write(row.series);
    if (value != null) {
      value.write(row.value);
    } else {
      binId.write(row.binId);
      binCount.write(row.binCount);
    }
  }

  @Override
  public List<TripleWriter<?>> columns() {
    return columns;
  }

  @Override
  public void setColumnStore(ColumnWriteStore columnStore) {
    for (ParquetValueWriter<?> writer : writers) {
      writer.setColumnStore(columnStore);
    }
  }

  @Override
  public Stream<FieldMetrics<?>> metrics() {
    return writers.stream().flatMap(ParquetValueWriter::metrics);
  }

  /** Column descriptors of a flat schema by top-level field name, failing clearly on a mismatch. */
  private record Columns(MessageType schema) {
    ColumnDescriptor byName(String field) {
      if (!schema.containsField(field)) {
        throw new IllegalArgumentException("Invalid file schema: no column " + field + " in " + schema);
      }
      return schema.getColumnDescription(new String[] {field});
    }
  }

  // All columns are required at the top level: repetition level 0, definition level implied.

  private static final class LongColumn extends ParquetValueWriters.PrimitiveWriter<Long> {
    LongColumn(ColumnDescriptor descriptor) {
      super(descriptor);
    }

    void write(long value) {
      column.writeLong(0, value);
    }
  }

  private static final class IntColumn extends ParquetValueWriters.PrimitiveWriter<Integer> {
    IntColumn(ColumnDescriptor descriptor) {
      super(descriptor);
    }

    void write(int value) {
      column.writeInteger(0, value);
    }
  }

  private static final class BinaryColumn extends ParquetValueWriters.PrimitiveWriter<Binary> {
    BinaryColumn(ColumnDescriptor descriptor) {
      super(descriptor);
    }

    void write(Binary value) {
      column.writeBinary(0, value);
    }
  }

  private static final class DoubleColumn extends ParquetValueWriters.PrimitiveWriter<Double> {
    private final DoubleFieldMetrics.Builder metrics;

    DoubleColumn(ColumnDescriptor descriptor) {
      super(descriptor);
      this.metrics = new DoubleFieldMetrics.Builder(descriptor.getPrimitiveType().getId().intValue());
    }

    void write(double value) {
      column.writeDouble(0, value);
      metrics.addValue(value);
    }

    @Override
    public Stream<FieldMetrics<?>> metrics() {
      return Stream.of(metrics.build());
    }
  }
}
