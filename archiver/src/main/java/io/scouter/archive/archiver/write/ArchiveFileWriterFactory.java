package io.scouter.archive.archiver.write;

import io.scouter.archive.catalog.drift.DriftType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.deletes.EqualityDeleteWriter;
import org.apache.iceberg.deletes.PositionDeleteWriter;
import org.apache.iceberg.encryption.EncryptedOutputFile;
import org.apache.iceberg.encryption.NativeEncryptionOutputFile;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.FileWriterFactory;
import org.apache.iceberg.parquet.Parquet;

/**
 * Creates Parquet data writers for {@link ArchiveRow}s through Iceberg's {@code Parquet.writeData},
 * with the table's write properties and metrics configuration, and our flat value writer in place of
 * the generic record writer. Streams are closed by a {@link BackgroundCloser} (natively encrypted
 * files excepted). Data files only: the archive never writes deletes.
 */
final class ArchiveFileWriterFactory implements FileWriterFactory<ArchiveRow> {
  private final DriftType type;
  private final Schema schema;
  private final Map<String, String> writeProperties;
  private final MetricsConfig metricsConfig;
  private final SortOrder sortOrder;
  private final BackgroundCloser closer;
  private final HadoopConfigurationReuse configuration = new HadoopConfigurationReuse();

  /**
   * @param sortOrder the order rows arrive in within each file, recorded in the data files, or
   *     {@code null} when the table's sort order is not the one the rows follow
   */
  ArchiveFileWriterFactory(
      DriftType type, Schema schema, Map<String, String> writeProperties, MetricsConfig metricsConfig,
      SortOrder sortOrder, BackgroundCloser closer) {
    this.type = type;
    this.schema = schema;
    this.writeProperties = Map.copyOf(writeProperties);
    this.metricsConfig = metricsConfig;
    this.sortOrder = sortOrder;
    this.closer = closer;
  }

  @Override
  public DataWriter<ArchiveRow> newDataWriter(EncryptedOutputFile file, PartitionSpec spec, StructLike partition) {
    try {
      Parquet.DataWriteBuilder builder = file instanceof NativeEncryptionOutputFile
          ? Parquet.writeData(file)
          : Parquet.writeData(new DeferredCloseOutputFile(file.encryptingOutputFile(), closer));
      return configuration.apply(builder)
          .schema(schema)
          .setAll(writeProperties)
          .metricsConfig(metricsConfig)
          .createWriterFunc(fileSchema -> new ArchiveRowParquetWriter(type, fileSchema))
          .withSpec(spec)
          .withPartition(partition)
          .withKeyMetadata(file.keyMetadata())
          .withSortOrder(sortOrder)
          .overwrite()
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create data file " + file.encryptingOutputFile().location(), e);
    }
  }

  @Override
  public EqualityDeleteWriter<ArchiveRow> newEqualityDeleteWriter(
      EncryptedOutputFile file, PartitionSpec spec, StructLike partition) {
    throw new UnsupportedOperationException("Cannot write equality deletes: the archive only appends");
  }

  @Override
  public PositionDeleteWriter<ArchiveRow> newPositionDeleteWriter(
      EncryptedOutputFile file, PartitionSpec spec, StructLike partition) {
    throw new UnsupportedOperationException("Cannot write position deletes: the archive only appends");
  }
}
