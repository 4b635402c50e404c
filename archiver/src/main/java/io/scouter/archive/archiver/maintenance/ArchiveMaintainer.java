package io.scouter.archive.archiver.maintenance;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.catalog.iceberg.ArchiveCatalog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the archive's Iceberg tables fast, small and correct as they age, without Spark: one pass
 * runs the steps on each drift table in turn (README, "Maintenance"). Passes in one process are
 * serialised; across replicas each table's advisory lock serialises them with archive runs.
 */
public final class ArchiveMaintainer {
  private static final Logger LOG = LoggerFactory.getLogger(ArchiveMaintainer.class);

  private final ArchiveCatalog catalog;
  private final TableMaintainer tables;
  private final Clock clock;
  private final Counter filesRewritten;
  private final Counter snapshotsExpired;
  private final Counter orphansDeleted;
  private final Meter failures;
  private final Timer passes;

  public ArchiveMaintainer(DataSource dataSource, ArchiveCatalog catalog, MaintenanceSettings settings,
      List<MaintenanceStep> steps, MaintenanceFaults faults, Clock clock, MetricRegistry metrics) {
    this.catalog = catalog;
    this.tables = new TableMaintainer(dataSource, settings, steps, faults, clock);
    this.clock = clock;
    this.filesRewritten = metrics.counter(MetricRegistry.name(ArchiveMaintainer.class, "files-rewritten"));
    this.snapshotsExpired = metrics.counter(MetricRegistry.name(ArchiveMaintainer.class, "snapshots-expired"));
    this.orphansDeleted = metrics.counter(MetricRegistry.name(ArchiveMaintainer.class, "orphans-deleted"));
    this.failures = metrics.meter(MetricRegistry.name(ArchiveMaintainer.class, "failures"));
    this.passes = metrics.timer(MetricRegistry.name(ArchiveMaintainer.class, "pass-duration"));
  }

  /**
   * The steps of a standard pass, in order: compact, merge manifests, move the readers' cut over
   * those rewrites, expire, then remove orphans (which must see the expiry's result). A further
   * step (e.g. a duplicate-removal rewrite) goes into this list.
   */
  public static List<MaintenanceStep> standardSteps() {
    return List.of(new Compaction(), new ManifestRewrite(), new StateAdvance(), new SnapshotExpiry(),
        new OrphanCleanup());
  }

  /** Runs one pass now and returns when it is done. */
  public synchronized MaintenancePassResult maintain() {
    UUID passId = UUID.randomUUID();
    Instant started = clock.instant();
    List<TableMaintenanceResult> results = new ArrayList<>();
    try (Timer.Context ignored = passes.time()) {
      for (DriftType type : DriftType.values()) {
        TableMaintenanceResult result = maintainTable(type, passId);
        log(result);
        filesRewritten.inc(result.count(Compaction.NAME, "files_rewritten"));
        snapshotsExpired.inc(result.count(SnapshotExpiry.NAME, "snapshots_expired"));
        orphansDeleted.inc(result.count(OrphanCleanup.NAME, "orphans_deleted"));
        if (result.status() == TableMaintenanceResult.Status.FAILED) {
          failures.mark();
        }
        results.add(result);
      }
    }
    return new MaintenancePassResult(passId, started, clock.instant(), List.copyOf(results));
  }

  private TableMaintenanceResult maintainTable(DriftType type, UUID passId) {
    Instant started = clock.instant();
    try {
      return tables.maintain(catalog.table(type), type, passId);
    } catch (Exception e) {
      LOG.error("Maintenance of {} failed before its steps ran", type.tableName(), e);
      return new TableMaintenanceResult(type, TableMaintenanceResult.Status.FAILED, TableShape.EMPTY, TableShape.EMPTY,
          List.of(new StepReport("start", Duration.between(started, clock.instant()), Map.of(), null,
              e.toString())), Duration.between(started, clock.instant()));
    }
  }

  private static void log(TableMaintenanceResult result) {
    LOG.info("Maintained {}: status={} files={}->{} bytes={}->{} snapshots={}->{} manifests={}->{} "
            + "metadata_files={}->{} rewritten={} expired={} orphans={} duration={}ms",
        result.type().tableName(), result.status(), result.before().dataFiles(), result.after().dataFiles(),
        result.before().bytes(), result.after().bytes(), result.before().snapshots(), result.after().snapshots(),
        result.before().manifests(), result.after().manifests(), result.before().metadataFiles(),
        result.after().metadataFiles(), result.count(Compaction.NAME, "files_rewritten"),
        result.count(SnapshotExpiry.NAME, "snapshots_expired"), result.count(OrphanCleanup.NAME, "orphans_deleted"),
        result.duration().toMillis());
  }
}
