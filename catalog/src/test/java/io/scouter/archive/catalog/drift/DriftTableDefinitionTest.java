package io.scouter.archive.catalog.drift;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

/** Pins the public table interface: changing any of this breaks external readers. */
class DriftTableDefinitionTest {
  @Test
  void spcSchemaHasFixedFieldIdsAndRequiredColumns() {
    Schema expected = new Schema(
        Types.NestedField.required(1, "created_at", Types.TimestampType.withZone()),
        Types.NestedField.required(2, "space", Types.StringType.get()),
        Types.NestedField.required(3, "name", Types.StringType.get()),
        Types.NestedField.required(4, "version", Types.StringType.get()),
        Types.NestedField.required(5, "feature", Types.StringType.get()),
        Types.NestedField.required(6, "value", Types.DoubleType.get()));
    assertThat(DriftTableDefinition.of(DriftType.SPC).schema().sameSchema(expected)).isTrue();
  }

  @Test
  void psiCountsAreLongsInIceberg() {
    Schema expected = new Schema(
        Types.NestedField.required(1, "created_at", Types.TimestampType.withZone()),
        Types.NestedField.required(2, "space", Types.StringType.get()),
        Types.NestedField.required(3, "name", Types.StringType.get()),
        Types.NestedField.required(4, "version", Types.StringType.get()),
        Types.NestedField.required(5, "feature", Types.StringType.get()),
        Types.NestedField.required(6, "bin_id", Types.IntegerType.get()),
        Types.NestedField.required(7, "bin_count", Types.LongType.get()));
    assertThat(DriftTableDefinition.of(DriftType.PSI).schema().sameSchema(expected)).isTrue();
  }

  @Test
  void customMetricsAreKeyedByMetric() {
    DriftTableDefinition custom = DriftTableDefinition.of(DriftType.CUSTOM);
    assertThat(custom.schema().findField("metric").fieldId()).isEqualTo(5);
    assertThat(custom.identifier().toString()).isEqualTo("scouter.custom_metric");
  }

  @Test
  void partitionedByDayThenEntity() {
    for (DriftType type : DriftType.values()) {
      assertThat(DriftTableDefinition.of(type).partitionSpec().fields())
          .extracting(field -> field.name() + ":" + field.transform())
          .containsExactly("created_at_day:day", "space:identity", "name:identity", "version:identity");
    }
  }

  @Test
  void sortOrderKeepsASeriesTogetherInTime() {
    assertThat(DriftTableDefinition.of(DriftType.SPC).sortOrder().fields())
        .extracting(field -> field.sourceId() + " " + field.direction())
        .containsExactly("5 ASC", "1 ASC");
    assertThat(DriftTableDefinition.of(DriftType.PSI).sortOrder().fields())
        .extracting(field -> field.sourceId())
        .containsExactly(5, 1, 6);
  }

  @Test
  void parquetZstdFormatTwoWithFullStatisticsOnFilteredColumns() {
    assertThat(DriftTableDefinition.of(DriftType.CUSTOM).properties())
        .containsEntry("format-version", "2")
        .containsEntry("write.format.default", "parquet")
        .containsEntry("write.parquet.compression-codec", "zstd")
        .containsEntry("write.metadata.metrics.column.created_at", "full")
        .containsEntry("write.metadata.metrics.column.space", "full")
        .containsEntry("write.metadata.metrics.column.metric", "full")
        .containsEntry("commit.retry.num-retries", "10")
        .containsEntry("write.parquet.dict-size-bytes", "16384");
  }

  @Test
  void writeTuningIsPartOfTheProperties() {
    assertThat(DriftTableDefinition.of(DriftType.SPC).properties())
        .containsAllEntriesOf(DriftTableDefinition.writeTuning());
  }
}
