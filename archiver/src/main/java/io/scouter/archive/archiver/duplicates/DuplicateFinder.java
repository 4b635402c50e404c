package io.scouter.archive.archiver.duplicates;

import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.catalog.recordkey.RecordKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Schema;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.parquet.Parquet;

/**
 * Finds the partitions of a drift table that hold a record key more than once. A key names its
 * created_at and entity, so all copies of a key lie in one (day, entity) partition: partitions are
 * checked one at a time, reading only the key columns, and memory stays bounded by the largest
 * partition, not the archive. Every partition is read, also one-file partitions (compaction may
 * have merged two copies into one file).
 */
final class DuplicateFinder {
  private final Table table;
  private final DriftType type;
  private final Schema keySchema;
  private int partitionsRead;

  DuplicateFinder(Table table, DriftType type) {
    this.table = table;
    this.type = type;
    this.keySchema = table.schema().select(RecordKey.columns(type));
  }

  List<AffectedPartition> find(long snapshotId) {
    List<AffectedPartition> affected = new ArrayList<>();
    for (List<DataFile> files : filesByPartition(snapshotId).values()) {
      partitionsRead++;
      Set<RecordKey> duplicated = duplicatedKeys(files);
      if (!duplicated.isEmpty()) {
        affected.add(new AffectedPartition(files.get(0).partition(), files, duplicated));
      }
    }
    return affected;
  }

  int partitionsRead() {
    return partitionsRead;
  }

  private Map<List<Object>, List<DataFile>> filesByPartition(long snapshotId) {
    Map<List<Object>, List<DataFile>> partitions = new LinkedHashMap<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().useSnapshot(snapshotId).planFiles()) {
      for (FileScanTask task : tasks) {
        if (!task.deletes().isEmpty()) {
          throw new IllegalStateException("Cannot remove duplicates from " + table.name() + ": data file "
              + task.file().location() + " has delete files, which drift tables never have");
        }
        partitions.computeIfAbsent(values(task.file().partition()), key -> new ArrayList<>()).add(task.file());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // Oldest first: the copy archived first is the one kept, as a re-sent record is ignored.
    Comparator<DataFile> oldestFirst = Comparator.comparing(DataFile::dataSequenceNumber)
        .thenComparing(DataFile::location);
    partitions.values().forEach(files -> files.sort(oldestFirst));
    return partitions;
  }

  private Set<RecordKey> duplicatedKeys(List<DataFile> files) {
    Set<RecordKey> seen = new HashSet<>();
    Set<RecordKey> duplicated = new HashSet<>();
    for (DataFile file : files) {
      try (CloseableIterable<Record> rows = read(table, file, keySchema)) {
        for (Record row : rows) {
          RecordKey key = RecordKey.of(type, row);
          if (!seen.add(key)) {
            duplicated.add(key);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return duplicated;
  }

  /** One data file's rows, projected on {@code schema}, with Iceberg's generic Parquet reader. */
  static CloseableIterable<Record> read(Table table, DataFile file, Schema schema) {
    return Parquet.read(table.io().newInputFile(file.location()))
        .project(schema)
        .createReaderFunc(fileSchema -> GenericParquetReaders.buildReader(schema, fileSchema))
        .build();
  }

  private static List<Object> values(StructLike partition) {
    List<Object> values = new ArrayList<>(partition.size());
    for (int i = 0; i < partition.size(); i++) {
      values.add(partition.get(i, Object.class));
    }
    return values;
  }
}
