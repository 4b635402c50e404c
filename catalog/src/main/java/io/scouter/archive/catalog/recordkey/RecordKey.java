package io.scouter.archive.catalog.recordkey;

import io.scouter.archive.catalog.drift.DriftRecord;
import io.scouter.archive.catalog.drift.DriftType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.iceberg.data.Record;

/**
 * A record's identity: the columns of its hot table's uniqueness key, so that "already held" means
 * exactly what PostgreSQL's {@code ON CONFLICT} means. SPC's key includes the value (as the original's
 * does), PSI's the bin id, custom metrics' only the metric; {@code payload} holds that part (the value's
 * bits with -0.0 folded into 0.0, as PostgreSQL compares float8, or the bin id) and 0 for custom metrics.
 */
public record RecordKey(long createdAtMicros, String space, String name, String version, String series,
    long payload) {

  public static RecordKey of(DriftRecord record) {
    long payload = record instanceof DriftRecord.Spc spc ? valueBits(spc.value())
        : record instanceof DriftRecord.Psi psi ? psi.binId() : 0L;
    return new RecordKey(micros(record.createdAt()), record.space(), record.name(), record.version(),
        record.series(), payload);
  }

  /** The key of a row read from the Iceberg table with at least {@link #columns(DriftType)}. */
  public static RecordKey of(DriftType type, Record row) {
    long payload = switch (type) {
      case SPC -> valueBits((Double) row.getField("value"));
      case PSI -> (Integer) row.getField("bin_id");
      case CUSTOM -> 0L;
    };
    return new RecordKey(micros(((OffsetDateTime) row.getField(DriftType.CREATED_AT.name())).toInstant()),
        (String) row.getField(DriftType.SPACE.name()), (String) row.getField(DriftType.NAME.name()),
        (String) row.getField(DriftType.VERSION.name()), (String) row.getField(type.seriesColumn()), payload);
  }

  /** The Iceberg columns that make up a key of the type: a lookup reads these and nothing else. */
  public static List<String> columns(DriftType type) {
    String created = DriftType.CREATED_AT.name();
    String space = DriftType.SPACE.name();
    String name = DriftType.NAME.name();
    String version = DriftType.VERSION.name();
    return switch (type) {
      case SPC -> List.of(created, space, name, version, "feature", "value");
      case PSI -> List.of(created, space, name, version, "feature", "bin_id");
      case CUSTOM -> List.of(created, space, name, version, "metric");
    };
  }

  public static long micros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }

  private static long valueBits(double value) {
    return Double.doubleToLongBits(value == 0.0 ? 0.0 : value);
  }
}
