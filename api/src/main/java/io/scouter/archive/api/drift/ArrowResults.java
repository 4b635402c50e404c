package io.scouter.archive.api.drift;

import io.scouter.archive.api.metrics.CustomResult;
import io.scouter.archive.api.metrics.PsiResult;
import io.scouter.archive.api.metrics.SpcResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.impl.UnionMapWriter;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The drift results as an Arrow IPC stream: one row per (series, bin), in the JSON's order
 * (series by name, bins ascending), with {@code series} (utf8), {@code bin_start} (timestamp,
 * microseconds, UTC) and the metric columns. PSI rows also carry their series' {@code overall_psi}
 * and overall {@code bins} proportions (a map from bin id to proportion), repeated on each row.
 */
final class ArrowResults {
  static final String MEDIA_TYPE = "application/vnd.apache.arrow.stream";
  private static final BufferAllocator ROOT = new RootAllocator();
  private static final FieldType UTF8 = FieldType.notNullable(ArrowType.Utf8.INSTANCE);
  private static final FieldType MICROS_UTC =
      FieldType.notNullable(new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"));
  private static final FieldType FLOAT64 =
      FieldType.notNullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE));

  private ArrowResults() {}

  static void write(Object result, OutputStream out) throws IOException {
    try (BufferAllocator allocator = ROOT.newChildAllocator("drift-result", 0, Long.MAX_VALUE)) {
      if (result instanceof SpcResult spc) {
        writeSpc(spc, allocator, out);
      } else if (result instanceof CustomResult custom) {
        writeCustom(custom, allocator, out);
      } else if (result instanceof PsiResult psi) {
        writePsi(psi, allocator, out);
      } else {
        throw new IllegalArgumentException("Cannot write " + result.getClass().getName() + " as Arrow");
      }
    }
  }

  static boolean canWrite(Class<?> type) {
    return type == SpcResult.class || type == CustomResult.class || type == PsiResult.class;
  }

  private static void writeSpc(SpcResult result, BufferAllocator allocator, OutputStream out) throws IOException {
    Schema schema = new Schema(List.of(field("series", UTF8), field("bin_start", MICROS_UTC), field("value", FLOAT64)));
    try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
      Rows rows = new Rows(root);
      result.features().forEach((feature, series) -> {
        for (int i = 0; i < series.createdAt().size(); i++) {
          int row = rows.add(feature, series.createdAt().get(i));
          ((Float8Vector) root.getVector("value")).setSafe(row, series.values().get(i));
        }
      });
      rows.write(out);
    }
  }

  private static void writeCustom(CustomResult result, BufferAllocator allocator, OutputStream out)
      throws IOException {
    Schema schema = new Schema(List.of(field("series", UTF8), field("bin_start", MICROS_UTC),
        field("avg", FLOAT64), field("lower_bound", FLOAT64), field("upper_bound", FLOAT64)));
    try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
      Rows rows = new Rows(root);
      result.metrics().forEach((metric, series) -> {
        for (int i = 0; i < series.createdAt().size(); i++) {
          int row = rows.add(metric, series.createdAt().get(i));
          CustomResult.Stats stats = series.stats().get(i);
          ((Float8Vector) root.getVector("avg")).setSafe(row, stats.avg());
          ((Float8Vector) root.getVector("lower_bound")).setSafe(row, stats.lowerBound());
          ((Float8Vector) root.getVector("upper_bound")).setSafe(row, stats.upperBound());
        }
      });
      rows.write(out);
    }
  }

  private static void writePsi(PsiResult result, BufferAllocator allocator, OutputStream out) throws IOException {
    Field bins = new Field("bins", FieldType.notNullable(new ArrowType.Map(false)), List.of(
        new Field("entries", FieldType.notNullable(ArrowType.Struct.INSTANCE), List.of(
            new Field("key", FieldType.notNullable(new ArrowType.Int(32, true)), null),
            new Field("value", FLOAT64, null)))));
    Schema schema = new Schema(List.of(field("series", UTF8), field("bin_start", MICROS_UTC), field("psi", FLOAT64),
        field("overall_psi", FLOAT64), bins));
    try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
      Rows rows = new Rows(root);
      UnionMapWriter binsWriter = ((MapVector) root.getVector("bins")).getWriter();
      result.features().forEach((feature, series) -> {
        for (int i = 0; i < series.createdAt().size(); i++) {
          int row = rows.add(feature, series.createdAt().get(i));
          ((Float8Vector) root.getVector("psi")).setSafe(row, series.psi().get(i));
          ((Float8Vector) root.getVector("overall_psi")).setSafe(row, series.overallPsi());
          binsWriter.setPosition(row);
          binsWriter.startMap();
          for (Map.Entry<Integer, Double> bin : series.bins().entrySet()) {
            binsWriter.startEntry();
            binsWriter.key().integer().writeInt(bin.getKey());
            binsWriter.value().float8().writeFloat8(bin.getValue());
            binsWriter.endEntry();
          }
          binsWriter.endMap();
        }
      });
      rows.write(out);
    }
  }

  private static Field field(String name, FieldType type) {
    return new Field(name, type, null);
  }

  /** Fills the two key columns row by row; the caller fills the metric columns of the same row. */
  private static final class Rows {
    private final VectorSchemaRoot root;
    private final VarCharVector series;
    private final TimeStampMicroTZVector binStart;
    private int count;

    Rows(VectorSchemaRoot root) {
      this.root = root;
      this.series = (VarCharVector) root.getVector("series");
      this.binStart = (TimeStampMicroTZVector) root.getVector("bin_start");
      root.getFieldVectors().forEach(FieldVector::allocateNew);
    }

    int add(String name, Instant start) {
      int row = count++;
      series.setSafe(row, name.getBytes(StandardCharsets.UTF_8));
      binStart.setSafe(row, ChronoUnit.MICROS.between(Instant.EPOCH, start));
      return row;
    }

    /** One record batch with every row: results are bounded by series x max_data_points bins. */
    void write(OutputStream out) throws IOException {
      root.setRowCount(count);
      try (ArrowStreamWriter writer = new ArrowStreamWriter(root, null, out)) {
        writer.start();
        writer.writeBatch();
        writer.end();
      }
    }
  }
}
