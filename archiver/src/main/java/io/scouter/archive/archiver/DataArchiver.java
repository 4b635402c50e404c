package io.scouter.archive.archiver;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import io.scouter.archive.archiver.run.ArchiveFaults;
import io.scouter.archive.archiver.run.RunFileWriter;
import io.scouter.archive.archiver.run.TableArchiver;
import io.scouter.archive.archiver.run.TableRunResult;
import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.catalog.iceberg.ArchiveCatalog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves expired hot rows into the Iceberg tables, exactly once. One pass archives each drift table
 * in turn; a failure of one table is recorded and never stops the others or later passes. Passes
 * in one process are serialised; across processes, each table's advisory lock serialises runs.
 */
public final class DataArchiver {
  private static final Logger LOG = LoggerFactory.getLogger(DataArchiver.class);

  private final ArchiveCatalog catalog;
  private final ArchiverSettings settings;
  private final TableArchiver tables;
  private final Clock clock;
  private final Counter rowsArchived;
  private final Meter failures;
  private final Timer passes;

  public DataArchiver(DataSource dataSource, ArchiveCatalog catalog, ArchiverSettings settings,
      RunFileWriter writer, ArchiveFaults faults, Clock clock, MetricRegistry metrics) {
    this.catalog = catalog;
    this.settings = settings;
    this.tables = new TableArchiver(dataSource, writer, faults, clock);
    this.clock = clock;
    this.rowsArchived = metrics.counter(MetricRegistry.name(DataArchiver.class, "rows-archived"));
    this.failures = metrics.meter(MetricRegistry.name(DataArchiver.class, "failures"));
    this.passes = metrics.timer(MetricRegistry.name(DataArchiver.class, "pass-duration"));
  }

  /** Runs one pass now and returns when it is done. */
  @SuppressWarnings("try") // the timer context measures the block and is never used in it
  public synchronized ArchivePassResult archive() {
    UUID passId = UUID.randomUUID();
    Instant started = clock.instant();
    Instant cutoff = settings.cutoff(started);
    List<TableRunResult> results = new ArrayList<>();
    try (Timer.Context ignored = passes.time()) {
      for (DriftType type : DriftType.values()) {
        TableRunResult result = archiveTable(type, passId, cutoff);
        log(result);
        rowsArchived.inc(result.rows());
        if (result.outcome() == TableRunResult.Outcome.FAILED) {
          failures.mark();
        }
        results.add(result);
      }
    }
    return new ArchivePassResult(passId, started, clock.instant(), List.copyOf(results));
  }

  private TableRunResult archiveTable(DriftType type, UUID passId, Instant cutoff) {
    Instant started = clock.instant();
    try {
      return tables.archive(catalog.table(type), type, passId, cutoff, settings.maxRowsPerRun(),
          settings.maxRunsPerPass());
    } catch (Exception e) {
      // Catalog, store or database unavailable: nothing was marked; the next pass starts over.
      LOG.error("Archive of {} failed before any run finished", type.tableName(), e);
      return new TableRunResult(type, TableRunResult.Outcome.FAILED, List.of(), 0, 0, 0, null,
          Duration.between(started, clock.instant()), e.toString());
    }
  }

  private static void log(TableRunResult result) {
    LOG.info("Archived {}: outcome={} rows={} files={} bytes={} duration={}ms snapshot={} runs={}{}",
        result.type().tableName(), result.outcome(), result.rows(), result.files(), result.bytes(),
        result.duration().toMillis(), result.snapshotId(), result.runIds(),
        result.error() == null ? "" : " error=" + result.error());
  }
}
