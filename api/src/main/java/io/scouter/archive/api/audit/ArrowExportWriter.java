package io.scouter.archive.api.audit;

import io.scouter.archive.catalog.drift.DriftColumn;
import io.scouter.archive.catalog.drift.DriftType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Type;

/**
 * An Arrow IPC stream of record batches of {@link #BATCH_ROWS} rows, one column per table column:
 * {@code created_at} timestamp(µs, UTC), text utf8, doubles float64, {@code bin_id} int32,
 * {@code bin_count} int64. One batch is held at a time, in an allocator of its own.
 */
final class ArrowExportWriter implements ExportWriter {
  static final int BATCH_ROWS = 8192;
  private static final BufferAllocator ROOT = new RootAllocator();

  private final List<DriftColumn> columns;
  private final BufferAllocator allocator;
  private final VectorSchemaRoot root;
  private final ArrowStreamWriter writer;
  private int rows;

  ArrowExportWriter(DriftType type, OutputStream out) throws IOException {
    this.columns = type.columns();
    this.allocator = ROOT.newChildAllocator("export", 0, Long.MAX_VALUE);
    List<Field> fields = new ArrayList<>();
    for (DriftColumn column : columns) {
      fields.add(new Field(column.name(), FieldType.notNullable(arrowType(column.icebergType())), null));
    }
    this.root = VectorSchemaRoot.create(new Schema(fields), allocator);
    root.allocateNew();
    this.writer = new ArrowStreamWriter(root, null, Channels.newChannel(out));
    writer.start();
  }

  private static ArrowType arrowType(Type type) {
    return switch (type.typeId()) {
      case TIMESTAMP -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC");
      case STRING -> ArrowType.Utf8.INSTANCE;
      case DOUBLE -> new ArrowType.FloatingPoint(org.apache.arrow.vector.types.FloatingPointPrecision.DOUBLE);
      case INTEGER -> new ArrowType.Int(32, true);
      case LONG -> new ArrowType.Int(64, true);
      default -> throw new IllegalArgumentException("No Arrow type for drift column type " + type);
    };
  }

  @Override
  public void write(Record row) throws IOException {
    for (int i = 0; i < columns.size(); i++) {
      FieldVector vector = root.getVector(i);
      Object value = row.getField(columns.get(i).name());
      if (vector instanceof TimeStampMicroTZVector time) {
        time.setSafe(rows, ExportCursor.micros(value));
      } else if (vector instanceof VarCharVector text) {
        text.setSafe(rows, value.toString().getBytes(StandardCharsets.UTF_8));
      } else if (vector instanceof Float8Vector number) {
        number.setSafe(rows, (Double) value);
      } else if (vector instanceof IntVector number) {
        number.setSafe(rows, (Integer) value);
      } else if (vector instanceof BigIntVector number) {
        number.setSafe(rows, (Long) value);
      }
    }
    if (++rows == BATCH_ROWS) {
      flushBatch();
    }
  }

  private void flushBatch() throws IOException {
    root.setRowCount(rows);
    writer.writeBatch();
    rows = 0;
    // Keep the vectors' buffers for the next batch, emptied.
    root.getFieldVectors().forEach(FieldVector::reset);
  }

  @Override
  public void abort() {
    root.close();
    allocator.close();
  }

  @Override
  public void finish() throws IOException {
    try {
      if (rows > 0) {
        flushBatch();
      }
      writer.end();
    } finally {
      root.close();
      allocator.close();
    }
  }
}
