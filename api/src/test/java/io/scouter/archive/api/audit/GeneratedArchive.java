package io.scouter.archive.api.audit;

import io.scouter.archive.catalog.drift.DriftType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.parquet.Parquet;

/**
 * Writes SPC rows straight into the Iceberg table as data files, one per day, sorted by (feature,
 * created_at) as the archiver writes them: millions of rows in seconds, without PostgreSQL.
 * Row {@code i} of feature {@code f} on day {@code d} is at {@code day + i * secondsApart} with
 * value {@code f * 1000 + i}.
 */
final class GeneratedArchive {
  static final String SPACE = "big";
  static final String NAME = "model";
  static final String VERSION = "v1";

  private GeneratedArchive() {}

  /** Appends {@code days x features x rowsPerFeatureDay} rows from {@code firstDay}, in one commit. */
  static long writeSpc(Table table, Instant firstDay, int days, int features, int rowsPerFeatureDay) {
    long secondsApart = 86_400L / rowsPerFeatureDay;
    AppendFiles append = table.newAppend();
    long rows = 0;
    for (int d = 0; d < days; d++) {
      Instant day = firstDay.plusSeconds(86_400L * d);
      GenericRecord partition = GenericRecord.create(table.spec().partitionType());
      partition.set(0, (int) (day.getEpochSecond() / 86_400));
      partition.set(1, SPACE);
      partition.set(2, NAME);
      partition.set(3, VERSION);
      String location = table.locationProvider().newDataLocation(table.spec(), partition,
          "generated-" + UUID.randomUUID() + ".parquet");
      try {
        DataWriter<Record> writer = Parquet.writeData(table.io().newOutputFile(location))
            .schema(table.schema()).withSpec(table.spec()).withPartition(partition)
            .metricsConfig(MetricsConfig.forTable(table)).setAll(table.properties())
            .createWriterFunc(GenericParquetWriter::create).overwrite().build();
        try (writer) {
          GenericRecord row = GenericRecord.create(table.schema());
          for (int f = 0; f < features; f++) {
            for (int i = 0; i < rowsPerFeatureDay; i++) {
              row.setField(DriftType.CREATED_AT.name(), day.plusSeconds(i * secondsApart).atOffset(ZoneOffset.UTC));
              row.setField("space", SPACE);
              row.setField("name", NAME);
              row.setField("version", VERSION);
              row.setField("feature", "feature-" + f);
              row.setField("value", f * 1000.0 + i);
              writer.write(row);
            }
          }
        }
        append.appendFile(writer.toDataFile());
        rows += (long) features * rowsPerFeatureDay;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    append.commit();
    return rows;
  }
}
