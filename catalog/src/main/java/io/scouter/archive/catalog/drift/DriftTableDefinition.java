package io.scouter.archive.catalog.drift;

import java.util.HashMap;
import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * The Iceberg side of a {@link DriftType}: schema with fixed field ids, partition spec, sort order
 * and table properties. These tables are the project's public interface (Trino and Spark read them),
 * so every choice here is deliberate and pinned by a test.
 */
public final class DriftTableDefinition {
  public static final Namespace NAMESPACE = Namespace.of(DriftType.SCHEMA);
  private static final int DICTIONARY_LIMIT_BYTES = 16 * 1024;

  private final DriftType type;
  private final Schema schema;

  private DriftTableDefinition(DriftType type) {
    this.type = type;
    this.schema = new Schema(type.columns().stream().map(DriftColumn::icebergField).toList());
  }

  public static DriftTableDefinition of(DriftType type) {
    return new DriftTableDefinition(type);
  }

  public DriftType type() {
    return type;
  }

  public TableIdentifier identifier() {
    return TableIdentifier.of(NAMESPACE, type.tableName());
  }

  public Schema schema() {
    return schema;
  }

  /** Day first: time-window queries and retention work by day; then the entity, which every query names. */
  public PartitionSpec partitionSpec() {
    return PartitionSpec.builderFor(schema)
        .day(DriftType.CREATED_AT.name())
        .identity(DriftType.SPACE.name())
        .identity(DriftType.NAME.name())
        .identity(DriftType.VERSION.name())
        .build();
  }

  /** Keeps one series' rows together in time order, so a query for a feature reads few pages. */
  public SortOrder sortOrder() {
    SortOrder.Builder builder = SortOrder.builderFor(schema)
        .asc(type.seriesColumn())
        .asc(DriftType.CREATED_AT.name());
    if (type == DriftType.PSI) {
      builder.asc("bin_id");
    }
    return builder.build();
  }

  /**
   * Parquet with zstd, format version 2, full statistics on the columns queries filter on (so that
   * file-level pruning works for long names too), patient commit retries because several writers
   * (replicas, maintenance, external engines) may commit to one table, and the
   * {@linkplain #writeTuning() write tuning}.
   */
  public Map<String, String> properties() {
    Map<String, String> properties = new HashMap<>(writeTuning());
    properties.putAll(Map.ofEntries(
        Map.entry(TableProperties.FORMAT_VERSION, "2"),
        Map.entry(TableProperties.DEFAULT_FILE_FORMAT, "parquet"),
        Map.entry(TableProperties.PARQUET_COMPRESSION, "zstd"),
        Map.entry(TableProperties.DEFAULT_WRITE_METRICS_MODE, "truncate(16)"),
        Map.entry(TableProperties.METRICS_MODE_COLUMN_CONF_PREFIX + DriftType.CREATED_AT.name(), "full"),
        Map.entry(TableProperties.METRICS_MODE_COLUMN_CONF_PREFIX + DriftType.SPACE.name(), "full"),
        Map.entry(TableProperties.METRICS_MODE_COLUMN_CONF_PREFIX + DriftType.NAME.name(), "full"),
        Map.entry(TableProperties.METRICS_MODE_COLUMN_CONF_PREFIX + DriftType.VERSION.name(), "full"),
        Map.entry(TableProperties.METRICS_MODE_COLUMN_CONF_PREFIX + type.seriesColumn(), "full"),
        Map.entry(TableProperties.COMMIT_NUM_RETRIES, "10"),
        Map.entry(TableProperties.COMMIT_MIN_RETRY_WAIT_MS, "100"),
        Map.entry(TableProperties.COMMIT_MAX_RETRY_WAIT_MS, "30000"),
        Map.entry(TableProperties.COMMIT_TOTAL_RETRY_TIME_MS, "600000"),
        Map.entry(TableProperties.METADATA_DELETE_AFTER_COMMIT_ENABLED, "true"),
        Map.entry(TableProperties.METADATA_PREVIOUS_VERSIONS_MAX, "100"),
        Map.entry(TableProperties.WRITE_TARGET_FILE_SIZE_BYTES, Long.toString(128L * 1024 * 1024))));
    return Map.copyOf(properties);
  }

  /**
   * Write-side settings that change how fast files are written, never what they hold. A table made by
   * an earlier version lacks them, so the archiver applies them to its own writes wherever the table
   * sets nothing else.
   *
   * <p>The dictionary limit: Parquet-java first dictionary-encodes every column and only gives up when
   * a page is flushed and the dictionary did not pay, or when the dictionary outgrows this limit.
   * Measurement values are near-continuous doubles (a distinct value per row), so under Iceberg's 2 MiB
   * default every value of a day file went through a hash map and was then encoded a second time,
   * plain: a third of the encoder's CPU for {@code spc_drift} (BENCHMARKS.md, issue 17). At 16 KiB they
   * give up after 2,048 values, while the columns a dictionary serves stay far below it: names, bin
   * ids, and a day's timestamps at one record per minute (1,440 longs, 11.5 KB).
   */
  public static Map<String, String> writeTuning() {
    return Map.of(TableProperties.PARQUET_DICT_SIZE_BYTES, Integer.toString(DICTIONARY_LIMIT_BYTES));
  }
}
