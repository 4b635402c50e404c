package io.scouter.archive.archiver.maintenance;

import io.scouter.archive.archiver.run.TableLock;
import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.archiver.watermark.ArchiveState;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.iceberg.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the steps of a pass on one table under the table's advisory lock (the archiver's lock: a
 * table is archived or maintained, never both at once, by any replica). A failed step is recorded
 * and the next steps still run: each is safe on its own. A crash ({@link Error}) is not caught.
 */
final class TableMaintainer {
  private static final Logger LOG = LoggerFactory.getLogger(TableMaintainer.class);

  private final DataSource dataSource;
  private final MaintenanceSettings settings;
  private final List<MaintenanceStep> steps;
  private final MaintenanceFaults faults;
  private final MaintenanceRecords records;
  private final Clock clock;

  TableMaintainer(DataSource dataSource, MaintenanceSettings settings, List<MaintenanceStep> steps,
      MaintenanceFaults faults, Clock clock) {
    this.dataSource = dataSource;
    this.settings = settings;
    this.steps = List.copyOf(steps);
    this.faults = faults;
    this.records = new MaintenanceRecords(dataSource);
    this.clock = clock;
  }

  TableMaintenanceResult maintain(Table table, DriftType type, UUID passId) throws SQLException {
    long started = System.nanoTime();
    Optional<TableLock> lock = TableLock.tryAcquire(dataSource, type);
    if (lock.isEmpty()) {
      return new TableMaintenanceResult(type, TableMaintenanceResult.Status.SKIPPED_LOCKED, TableShape.EMPTY,
          TableShape.EMPTY, List.of(), Duration.ofNanos(System.nanoTime() - started));
    }
    try (TableLock held = lock.get()) {
      TableShape before = TableShape.of(table);
      long id = records.start(passId, type, before);
      MaintenanceContext context = new MaintenanceContext(table, type, dataSource, passId, clock.instant(), settings,
          faults,
          stateSnapshot(type));
      faults.reached(MaintenancePoint.STARTED, type);
      List<StepReport> reports = new ArrayList<>();
      for (MaintenanceStep step : steps) {
        StepReport report = run(step, context);
        records.step(id, report);
        reports.add(report);
      }
      TableShape after = TableShape.of(table);
      List<String> errors = reports.stream().filter(report -> report.error() != null)
          .map(report -> report.step() + ": " + report.error()).toList();
      records.finish(id, !errors.isEmpty(), after, errors.isEmpty() ? null : String.join("; ", errors));
      return new TableMaintenanceResult(type,
          errors.isEmpty() ? TableMaintenanceResult.Status.DONE : TableMaintenanceResult.Status.FAILED,
          before, after, List.copyOf(reports), Duration.ofNanos(System.nanoTime() - started));
    }
  }

  private StepReport run(MaintenanceStep step, MaintenanceContext context) {
    long started = System.nanoTime();
    try {
      StepOutcome outcome = step.run(context);
      return new StepReport(step.name(), Duration.ofNanos(System.nanoTime() - started), outcome.counts(),
          outcome.committedSnapshotId(), null);
    } catch (Exception e) {
      LOG.error("Maintenance step {} of {} failed; the next steps still run", step.name(),
          context.type().tableName(), e);
      return new StepReport(step.name(), Duration.ofNanos(System.nanoTime() - started), Map.of(), null,
          e.toString());
    }
  }

  private Long stateSnapshot(DriftType type) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return ArchiveState.read(connection, type).map(ArchiveState::snapshotId).orElse(null);
    }
  }
}
