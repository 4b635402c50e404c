package io.scouter.archive.archiver.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.scouter.archive.catalog.drift.DriftType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.types.Comparators;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Types;

/** Assertions on data files: their metrics, their row order. */
final class DataFileChecks {
  private DataFileChecks() {}

  /** Each partition's single file carries the same counts and bounds as the reference writer's. */
  static void assertSameMetricsPerPartition(Table table, List<DataFile> actual, List<DataFile> reference) {
    Map<String, DataFile> actualByPartition = byPartition(table, actual);
    Map<String, DataFile> referenceByPartition = byPartition(table, reference);
    assertThat(actualByPartition.keySet()).isEqualTo(referenceByPartition.keySet());
    actualByPartition.forEach((partition, file) -> {
      DataFile expected = referenceByPartition.get(partition);
      assertThat(file.recordCount()).as(partition).isEqualTo(expected.recordCount());
      assertThat(file.valueCounts()).as(partition).isEqualTo(expected.valueCounts());
      assertThat(file.nullValueCounts()).as(partition).isEqualTo(expected.nullValueCounts());
      assertThat(file.nanValueCounts()).as(partition).isEqualTo(expected.nanValueCounts());
      assertThat(file.lowerBounds()).as(partition).isEqualTo(expected.lowerBounds());
      assertThat(file.upperBounds()).as(partition).isEqualTo(expected.upperBounds());
      assertThat(file.columnSizes().keySet()).as(partition).isEqualTo(expected.columnSizes().keySet());
    });
  }

  /** Metrics mode full for the entity columns: a 100-character name is not truncated to 16. */
  static void assertFullBoundsForLongNames(List<DataFile> files) {
    List<DataFile> longNamed = files.stream()
        .filter(file -> file.partition().get(2, CharSequence.class).toString().startsWith("long-"))
        .toList();
    assertThat(longNamed).isNotEmpty().allSatisfy(file -> {
      CharSequence lower = Conversions.fromByteBuffer(Types.StringType.get(), file.lowerBounds().get(3));
      assertThat(lower.toString()).hasSize(100).isEqualTo(file.partition().get(2, CharSequence.class).toString());
    });
  }

  /** Rows in every file follow the table's sort order: series, created_at, then bin_id. */
  static void assertEachFileSorted(Table table, DriftType type, List<DataFile> files) {
    Comparator<CharSequence> strings = Comparators.charSequences();
    Comparator<Record> order = Comparator
        .comparing((Record record) -> (CharSequence) record.getField(type.seriesColumn()), strings)
        .thenComparing(record -> (OffsetDateTime) record.getField("created_at"))
        .thenComparing(record -> type == DriftType.PSI ? (Integer) record.getField("bin_id") : 0);
    for (DataFile file : files) {
      try (CloseableIterable<Record> records = Parquet.read(table.io().newInputFile(file.location()))
          .project(table.schema())
          .createReaderFunc(fileSchema -> GenericParquetReaders.buildReader(table.schema(), fileSchema))
          .build()) {
        Record previous = null;
        long count = 0;
        for (Record record : records) {
          if (previous != null) {
            assertThat(order.compare(previous, record)).as(file.location()).isLessThanOrEqualTo(0);
          }
          previous = record.copy();
          count++;
        }
        assertThat(count).isEqualTo(file.recordCount());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static Map<String, DataFile> byPartition(Table table, List<DataFile> files) {
    return files.stream().collect(Collectors.toMap(
        file -> table.spec().partitionToPath(file.partition()), Function.identity()));
  }
}
