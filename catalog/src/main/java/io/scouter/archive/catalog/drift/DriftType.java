package io.scouter.archive.catalog.drift;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The three kinds of drift record, each defined once for both sides: the PostgreSQL hot table and
 * its columns, and (through {@link DriftTableDefinition}) the Iceberg table. The hot tables are
 * created by the Flyway migrations; a test checks that they match these columns.
 */
public enum DriftType {
  SPC("Spc", "spc_drift", "feature",
      List.of(DriftColumn.text(5, "feature"), DriftColumn.float8(6, "value"))),
  PSI("Psi", "observed_bin_count", "feature",
      List.of(DriftColumn.text(5, "feature"), DriftColumn.int4(6, "bin_id"), DriftColumn.int4AsLong(7, "bin_count"))),
  CUSTOM("Custom", "custom_metric", "metric",
      List.of(DriftColumn.text(5, "metric"), DriftColumn.float8(6, "value")));

  public static final String SCHEMA = "scouter";
  public static final DriftColumn CREATED_AT = DriftColumn.timestamptz(1, "created_at");
  public static final DriftColumn SPACE = DriftColumn.text(2, "space");
  public static final DriftColumn NAME = DriftColumn.text(3, "name");
  public static final DriftColumn VERSION = DriftColumn.text(4, "version");
  private static final List<DriftColumn> ENTITY_COLUMNS = List.of(CREATED_AT, SPACE, NAME, VERSION);

  private final String wireName;
  private final String tableName;
  private final String seriesColumn;
  private final List<DriftColumn> payloadColumns;

  DriftType(String wireName, String tableName, String seriesColumn, List<DriftColumn> payloadColumns) {
    this.wireName = wireName;
    this.tableName = tableName;
    this.seriesColumn = seriesColumn;
    this.payloadColumns = payloadColumns;
  }

  /** The record tag of the original wire format and the {@code drift_type} parameter: Spc, Psi, Custom. */
  public String wireName() {
    return wireName;
  }

  /** The table's name in both worlds: PostgreSQL {@code scouter.<name>} and Iceberg {@code scouter.<name>}. */
  public String tableName() {
    return tableName;
  }

  public String qualifiedTableName() {
    return SCHEMA + "." + tableName;
  }

  /** The column that names a series within an entity: {@code feature}, or {@code metric} for custom metrics. */
  public String seriesColumn() {
    return seriesColumn;
  }

  /** Record columns in table order: created_at, space, name, version, then the payload. */
  public List<DriftColumn> columns() {
    return Stream.concat(ENTITY_COLUMNS.stream(), payloadColumns.stream()).toList();
  }

  public List<String> columnNames() {
    return columns().stream().map(DriftColumn::name).toList();
  }

  public static Optional<DriftType> fromWireName(String wireName) {
    return Stream.of(values()).filter(type -> type.wireName.equals(wireName)).findFirst();
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
