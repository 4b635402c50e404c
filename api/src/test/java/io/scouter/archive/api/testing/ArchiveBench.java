package io.scouter.archive.api.testing;

import com.codahale.metrics.MetricRegistry;
import io.scouter.archive.archiver.ArchivePassResult;
import io.scouter.archive.archiver.ArchiverSettings;
import io.scouter.archive.archiver.DataArchiver;
import io.scouter.archive.archiver.run.ArchiveFaults;
import io.scouter.archive.archiver.write.CopyRunFileWriter;
import io.scouter.archive.catalog.drift.DriftRecord;
import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.catalog.hotstore.DriftRecordInserter;
import io.scouter.archive.catalog.hotstore.HotStore;
import io.scouter.archive.catalog.iceberg.ArchiveCatalog;
import io.scouter.archive.catalog.iceberg.CatalogSettings;
import io.scouter.archive.catalog.settings.DatabaseUri;
import io.scouter.archive.catalog.settings.PoolSize;
import io.scouter.archive.catalog.settings.RetentionPeriod;
import io.scouter.archive.catalog.storage.FileIOFactory;
import io.scouter.archive.catalog.storage.StorageSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * A hot store and an archive catalog on a database and warehouse, with the real archiver run
 * at chosen cutoffs: "archive every row created before T", optionally in small runs.
 */
public final class ArchiveBench implements AutoCloseable {
  public final HotStore hotStore;
  public final ArchiveCatalog catalog;
  private final DriftRecordInserter inserter;

  public ArchiveBench(DatabaseUri database, Path warehouse) {
    hotStore = HotStore.open(database, new PoolSize(4));
    catalog = ArchiveCatalog.open(CatalogSettings.parse(null), hotStore.uri(),
        StorageSettings.fromEnvironment(Map.of("SCOUTER_STORAGE_URI", warehouse.toString())), new FileIOFactory());
    inserter = new DriftRecordInserter(hotStore.dataSource());
  }

  public void insert(List<? extends DriftRecord> records) throws SQLException {
    inserter.insert(records);
  }

  /** Archives every unarchived row created before {@code cutoff}. */
  public ArchivePassResult archiveBefore(Instant cutoff) {
    return archiveBefore(cutoff, ArchiverSettings.DEFAULT_MAX_ROWS_PER_RUN);
  }

  /** Archives every unarchived row created before {@code cutoff}, in runs of at most {@code maxRowsPerRun}. */
  public ArchivePassResult archiveBefore(Instant cutoff, long maxRowsPerRun) {
    // The archiver's cutoff is its clock minus the retention: put the clock one day past the cutoff.
    Clock clock = Clock.fixed(cutoff.plus(Duration.ofDays(1)), ZoneOffset.UTC);
    DataArchiver archiver = new DataArchiver(hotStore.dataSource(), catalog,
        new ArchiverSettings(new RetentionPeriod(1), maxRowsPerRun, 1000), new CopyRunFileWriter(),
        ArchiveFaults.NONE, clock, new MetricRegistry());
    ArchivePassResult result = archiver.archive();
    if (!result.succeeded()) {
      throw new IllegalStateException("Cannot archive: " + result.summary());
    }
    return result;
  }

  /**
   * Deletes every archived row from the hot tables (what retention does with zero grace), so that
   * only the Iceberg tables can answer for them; returns how many went.
   */
  public long deleteArchivedRows() throws SQLException {
    long deleted = 0;
    try (Connection connection = hotStore.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      for (DriftType type : DriftType.values()) {
        deleted += statement.executeUpdate("DELETE FROM " + type.qualifiedTableName()
            + " WHERE scouter.is_archived('" + type.tableName() + "', created_at, ins_xid)");
      }
    }
    return deleted;
  }

  @Override
  public void close() {
    try {
      catalog.close();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot close the archive catalog", e);
    } finally {
      hotStore.close();
    }
  }
}
