package io.scouter.archive.archiver.maintenance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.SortOrderComparators;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FileWriterFactory;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.io.RollingDataWriter;
import org.apache.iceberg.parquet.Parquet;

/**
 * Merges the data files of one partition into new files of at most the target size, in the table's
 * sort order. The archiver writes every file sorted (and records the sort order in it), so a k-way
 * merge streams them with one open reader per file and bounded memory; a file written in another
 * order (by an external engine) is sorted on its own first, which is affordable because only small
 * files are merged.
 */
final class PartitionMerge {
  private final Table table;
  private final Schema schema;
  private final SortOrder sortOrder;
  private final Comparator<StructLike> order;
  private final FileWriterFactory<Record> writers;

  PartitionMerge(Table table) {
    this.table = table;
    this.schema = table.schema();
    this.sortOrder = table.sortOrder();
    this.order = SortOrderComparators.forSchema(schema, sortOrder);
    this.writers = new GenericFileWriterFactory.Builder(table)
        .dataFileFormat(FileFormat.PARQUET)
        .dataSortOrder(sortOrder)
        .build();
  }

  /** Writes the merged files; on failure deletes what it wrote (nothing references it yet) and throws. */
  List<DataFile> merge(PartitionSpec spec, StructLike partition, List<DataFile> inputs, long targetFileSize,
      OutputFileFactory files) {
    List<CloseableIterable<Record>> opened = new ArrayList<>();
    RollingDataWriter<Record> writer = new RollingDataWriter<>(writers, files, table.io(), targetFileSize, spec,
        partition);
    boolean written = false;
    try {
      PriorityQueue<Head> heads = new PriorityQueue<>((a, b) -> a.compareTo(b, order));
      for (DataFile input : inputs) {
        CloseableIterable<Record> records = read(input);
        opened.add(records);
        Head head = new Head(sorted(input, records), schema);
        if (head.advance()) {
          heads.add(head);
        }
      }
      while (!heads.isEmpty()) {
        Head head = heads.poll();
        writer.write(head.current);
        if (head.advance()) {
          heads.add(head);
        }
      }
      written = true;
    } finally {
      closeAll(opened, writer, written);
    }
    return writer.result().dataFiles();
  }

  private void closeAll(List<CloseableIterable<Record>> opened, RollingDataWriter<Record> writer, boolean written) {
    try {
      writer.close();
      for (CloseableIterable<Record> records : opened) {
        records.close();
      }
    } catch (IOException e) {
      if (written) {
        throw new UncheckedIOException("Cannot finish the compacted files", e);
      }
    } finally {
      if (!written) {
        try {
          FileDeletion.quietly(table.io(), writer.result().dataFiles().stream().map(DataFile::location).toList());
        } catch (RuntimeException unclosed) {
          // The writer could not even close: what it wrote is unreferenced, and orphan cleanup takes it.
        }
      }
    }
  }

  private CloseableIterable<Record> read(DataFile file) {
    return Parquet.read(table.io().newInputFile(file.location(), file.fileSizeInBytes()))
        .project(schema)
        .createReaderFunc(fileSchema -> GenericParquetReaders.buildReader(schema, fileSchema))
        .build();
  }

  private Iterator<Record> sorted(DataFile file, CloseableIterable<Record> records) {
    Integer fileOrder = file.sortOrderId();
    if (fileOrder != null && fileOrder == sortOrder.orderId() && !sortOrder.isUnsorted()) {
      return records.iterator();
    }
    List<Record> all = new ArrayList<>();
    records.forEach(all::add);
    InternalRecordWrapper left = new InternalRecordWrapper(schema.asStruct());
    InternalRecordWrapper right = new InternalRecordWrapper(schema.asStruct());
    all.sort((a, b) -> order.compare(left.wrap(a), right.wrap(b)));
    return all.iterator();
  }

  /** One input's next record; compared through internal values (timestamps as micros), as the comparator needs. */
  private static final class Head {
    private final Iterator<Record> records;
    private final InternalRecordWrapper wrapper;
    private Record current;

    Head(Iterator<Record> records, Schema schema) {
      this.records = records;
      this.wrapper = new InternalRecordWrapper(schema.asStruct());
    }

    boolean advance() {
      if (!records.hasNext()) {
        return false;
      }
      current = records.next();
      wrapper.wrap(current);
      return true;
    }

    int compareTo(Head other, Comparator<StructLike> order) {
      return order.compare(wrapper, other.wrapper);
    }
  }
}
