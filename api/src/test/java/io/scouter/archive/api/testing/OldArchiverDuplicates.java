package io.scouter.archive.api.testing;

import io.scouter.archive.catalog.drift.DriftRecord;
import io.scouter.archive.catalog.drift.DriftType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;

/**
 * An archive as versions before "each record once" left it: records re-sent after their rows left
 * PostgreSQL were archived again as late arrivals, one more data file per (day, entity) partition in
 * one more append, and the readers' cut moved to it. Written here with Iceberg's generic writer,
 * since the archiver no longer does this.
 */
public final class OldArchiverDuplicates {
  private OldArchiverDuplicates() {}

  public static void archiveAgain(ArchiveBench bench, List<DriftRecord> records) throws SQLException {
    Map<DriftType, List<DriftRecord>> byType = records.stream().collect(Collectors.groupingBy(DriftRecord::type));
    for (Map.Entry<DriftType, List<DriftRecord>> entry : byType.entrySet()) {
      Table table = bench.catalog.table(entry.getKey());
      table.refresh();
      AppendFiles append = table.newFastAppend();
      GenericFileWriterFactory writers = new GenericFileWriterFactory.Builder(table)
          .dataFileFormat(FileFormat.PARQUET).dataSchema(table.schema()).writerProperties(table.properties()).build();
      OutputFileFactory files = OutputFileFactory.builderFor(table, 1, 1).format(FileFormat.PARQUET)
          .operationId("old-archiver").build();
      InternalRecordWrapper wrapper = new InternalRecordWrapper(table.schema().asStruct());
      Map<PartitionKey, List<Record>> partitions = new LinkedHashMap<>();
      for (DriftRecord record : entry.getValue()) {
        Record row = row(table, record);
        PartitionKey key = new PartitionKey(table.spec(), table.schema());
        key.partition(wrapper.wrap(row));
        partitions.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
      }
      partitions.forEach((partition, rows) -> {
        DataWriter<Record> writer = writers.newDataWriter(files.newOutputFile(table.spec(), partition), table.spec(),
            partition);
        try (writer) {
          rows.forEach(writer::write);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        append.appendFile(writer.toDataFile());
      });
      append.commit();
      try (Connection connection = bench.hotStore.dataSource().getConnection();
          PreparedStatement statement = connection.prepareStatement(
              "UPDATE scouter.archive_state SET snapshot_id = ? WHERE table_name = ?")) {
        statement.setLong(1, table.currentSnapshot().snapshotId());
        statement.setString(2, entry.getKey().tableName());
        statement.executeUpdate();
      }
    }
  }

  private static Record row(Table table, DriftRecord record) {
    GenericRecord row = GenericRecord.create(table.schema());
    row.setField(DriftType.CREATED_AT.name(), record.createdAt().atOffset(ZoneOffset.UTC));
    row.setField(DriftType.SPACE.name(), record.space());
    row.setField(DriftType.NAME.name(), record.name());
    row.setField(DriftType.VERSION.name(), record.version());
    row.setField(record.type().seriesColumn(), record.series());
    if (record instanceof DriftRecord.Psi psi) {
      row.setField("bin_id", psi.binId());
      row.setField("bin_count", (long) psi.binCount());
    } else {
      row.setField("value", record instanceof DriftRecord.Spc spc ? spc.value() : ((DriftRecord.Custom) record).value());
    }
    return row;
  }
}
