package io.scouter.archive.catalog.storage;

import io.scouter.archive.catalog.drift.DriftColumn;
import io.scouter.archive.catalog.drift.DriftType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Sample rows for the real drift tables, written and read through Iceberg's generic writers and
 * readers, so that the storage tests exercise exactly the tables the archive defines.
 */
final class ArchiveTestTables {
  static final List<String> SPACES = List.of("alpha", "beta");
  static final List<String> NAMES = List.of("model-a", "model-b");
  static final int DAYS = 3;
  static final int ROWS_PER_PARTITION = 4;
  static final int PARTITIONS = SPACES.size() * NAMES.size() * DAYS;

  private ArchiveTestTables() {}

  /** Rows over {@link #DAYS} days, every space and name, one version; payload values are distinct. */
  static List<Record> sampleRecords(Table table, DriftType type) {
    List<Record> records = new ArrayList<>();
    OffsetDateTime start = OffsetDateTime.of(2026, 11, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    int counter = 0;
    for (int day = 0; day < DAYS; day++) {
      for (String space : SPACES) {
        for (String name : NAMES) {
          for (int row = 0; row < ROWS_PER_PARTITION; row++) {
            GenericRecord record = GenericRecord.create(table.schema());
            // 23:30 UTC is the next day in most western zones: a day-transform bug would show.
            record.setField("created_at", start.plusDays(day).plusHours(row * 6L).plusMinutes(30));
            record.setField("space", space);
            record.setField("name", name);
            record.setField("version", "v1");
            record.setField(type.seriesColumn(), "series-" + (row % 2));
            setPayload(record, type, counter++);
            records.add(record);
          }
        }
      }
    }
    return records;
  }

  private static void setPayload(GenericRecord record, DriftType type, int counter) {
    for (DriftColumn column : type.columns().subList(5, type.columns().size())) {
      switch (column.icebergType().typeId()) {
        case DOUBLE -> record.setField(column.name(), counter * 0.5);
        case INTEGER -> record.setField(column.name(), counter % 10);
        case LONG -> record.setField(column.name(), (long) counter * 3);
        default -> throw new IllegalArgumentException("Invalid payload column type: " + column);
      }
    }
  }

  /** Writes Parquet files, one per partition, and commits them in one append. */
  static List<DataFile> append(Table table, List<Record> records) {
    return DriftTables.append(table, records);
  }

  /** Reads the rows of one space through a filtered scan. */
  static List<Record> readSpace(Table table, String space) {
    try (CloseableIterable<Record> rows =
        IcebergGenerics.read(table).where(Expressions.equal("space", space)).build()) {
      List<Record> result = new ArrayList<>();
      rows.forEach(row -> result.add(row.copy()));
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The data files a filtered scan plans for one space. */
  static List<String> plannedFiles(Table table, String space) {
    try (CloseableIterable<FileScanTask> tasks =
        table.newScan().filter(Expressions.equal("space", space)).planFiles()) {
      List<String> locations = new ArrayList<>();
      tasks.forEach(task -> locations.add(task.file().location()));
      return locations;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
