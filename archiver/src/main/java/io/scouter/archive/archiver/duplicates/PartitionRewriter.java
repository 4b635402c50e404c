package io.scouter.archive.archiver.duplicates;

import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.catalog.recordkey.RecordKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.types.Comparators;

/**
 * Writes one affected partition again without its extra copies: every row of its files, oldest file
 * first, keeping the first copy of each key, sorted by the table's sort order (series, time, and bin
 * id for PSI) into one new file. The files are Iceberg's generic Parquet writer's, with the table's
 * properties (zstd, column statistics). Nothing is committed here.
 */
final class PartitionRewriter {
  private final Table table;
  private final DriftType type;
  private final GenericFileWriterFactory writers;
  private final OutputFileFactory files;

  PartitionRewriter(Table table, DriftType type, String operationId) {
    this.table = table;
    this.type = type;
    this.writers = new GenericFileWriterFactory.Builder(table)
        .dataFileFormat(FileFormat.PARQUET)
        .dataSchema(table.schema())
        .dataSortOrder(table.sortOrder())
        .writerProperties(table.properties())
        .build();
    this.files = OutputFileFactory.builderFor(table, 0, 0).format(FileFormat.PARQUET).operationId(operationId).build();
  }

  /** The partition's rows, each key once, as a new data file; and how many rows it left out. */
  Rewritten rewrite(AffectedPartition partition) {
    List<Record> kept = new ArrayList<>();
    Set<RecordKey> seen = new HashSet<>();
    long removed = 0;
    for (DataFile file : partition.files()) {
      try (CloseableIterable<Record> rows = DuplicateFinder.read(table, file, table.schema())) {
        for (Record row : rows) {
          RecordKey key = RecordKey.of(type, row);
          if (partition.duplicated().contains(key) && !seen.add(key)) {
            removed++;
          } else {
            kept.add(row.copy());
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    kept.sort(sortOrder());
    DataWriter<Record> writer = writers.newDataWriter(
        files.newOutputFile(table.spec(), partition.partition()), table.spec(), partition.partition());
    try (writer) {
      kept.forEach(writer::write);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Rewritten(writer.toDataFile(), removed);
  }

  /** A partition's new file and the extra copies it no longer holds. */
  record Rewritten(DataFile file, long rowsRemoved) {}

  private Comparator<Record> sortOrder() {
    Comparator<Record> order = Comparator
        .comparing((Record row) -> (CharSequence) row.getField(type.seriesColumn()), Comparators.charSequences())
        .thenComparing(row -> (OffsetDateTime) row.getField(DriftType.CREATED_AT.name()));
    return type == DriftType.PSI ? order.thenComparing(row -> (Integer) row.getField("bin_id")) : order;
  }
}
