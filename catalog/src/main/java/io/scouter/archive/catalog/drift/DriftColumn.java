package io.scouter.archive.catalog.drift;

import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * One column of a drift table, as both sides see it: the PostgreSQL column type and the Iceberg
 * field with its fixed id. Field ids are part of the public table interface and never change.
 */
public record DriftColumn(int fieldId, String name, String postgresType, Type icebergType) {

  /** Every drift column is non-null on both sides: the hot tables declare NOT NULL. */
  public Types.NestedField icebergField() {
    return Types.NestedField.required(fieldId, name, icebergType);
  }

  static DriftColumn timestamptz(int fieldId, String name) {
    return new DriftColumn(fieldId, name, "timestamp with time zone", Types.TimestampType.withZone());
  }

  static DriftColumn text(int fieldId, String name) {
    return new DriftColumn(fieldId, name, "text", Types.StringType.get());
  }

  static DriftColumn float8(int fieldId, String name) {
    return new DriftColumn(fieldId, name, "double precision", Types.DoubleType.get());
  }

  static DriftColumn int4(int fieldId, String name) {
    return new DriftColumn(fieldId, name, "integer", Types.IntegerType.get());
  }

  /** PostgreSQL integer widened to Iceberg long: bin counts are summed across rows and may grow. */
  static DriftColumn int4AsLong(int fieldId, String name) {
    return new DriftColumn(fieldId, name, "integer", Types.LongType.get());
  }
}
