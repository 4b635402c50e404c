package io.scouter.archive.archiver.run;

import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.catalog.iceberg.SameThreadExecutorService;
import io.scouter.archive.archiver.watermark.ArchiveState;
import io.scouter.archive.archiver.watermark.ArchiveWatermark;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.io.FileIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Archives one drift table, under that table's advisory lock: first reconciles runs an earlier
 * process left pending, then plans, records, copies, commits and finishes runs until nothing
 * expired is left (or the pass's run limit is reached). See the README's "Guarantees" for the
 * protocol.
 */
public final class TableArchiver {
  private static final Logger LOG = LoggerFactory.getLogger(TableArchiver.class);

  private final DataSource dataSource;
  private final ArchiveRunStore runs;
  private final RunFileWriter writer;
  private final ArchiveFaults faults;
  private final Clock clock;

  /** @param clock the pass's clock, which also times each table's run */
  public TableArchiver(DataSource dataSource, RunFileWriter writer, ArchiveFaults faults, Clock clock) {
    this.dataSource = dataSource;
    this.runs = new ArchiveRunStore(dataSource, faults);
    this.writer = writer;
    this.faults = faults;
    this.clock = clock;
  }

  public TableRunResult archive(Table table, DriftType type, UUID passId, Instant cutoff, long maxRowsPerRun,
      int maxRunsPerPass) throws SQLException {
    Instant started = clock.instant();
    Optional<TableLock> acquired = TableLock.tryAcquire(dataSource, type);
    if (acquired.isEmpty()) {
      return new TableRunResult(type, TableRunResult.Outcome.SKIPPED_LOCKED, List.of(), 0, 0, 0, null,
          Duration.between(started, clock.instant()), null);
    }
    Progress progress = new Progress(type, started, clock);
    RunPlanner planner = new RunPlanner(type, maxRowsPerRun);
    try (TableLock lock = acquired.get()) {
      reconcile(table, type, progress);
      for (int i = 0; i < maxRunsPerPass; i++) {
        if (!runOnce(table, type, passId, cutoff, planner, lock, progress)) {
          break;
        }
      }
    }
    return progress.result();
  }

  /**
   * Brings the archive state level with the table. Runs are chained (each commits only after the
   * run the state is at, see {@link RunMarker}), so the table is at most one run ahead: the newest
   * run in its history, committed by a process that died (or lost the commit's answer) before
   * finishing. That run is finished, whatever its record says; every other run still pending never
   * committed and is released: the watermark never moved, so its rows are still hot.
   */
  private void reconcile(Table table, DriftType type, Progress progress) throws SQLException {
    OptionalLong stateRun = runs.state(type).map(ArchiveState::runId).orElse(OptionalLong.empty());
    Optional<Snapshot> newest = RunMarker.newestRun(table);
    long finished = -1;
    if (newest.isPresent() && !sameRun(RunMarker.runIdOf(newest.get()), stateRun)) {
      Snapshot snapshot = newest.get();
      long runId = RunMarker.runIdOf(snapshot);
      ArchiveRun run = runs.run(type, runId)
          .filter(candidate -> candidate.baseRunId().equals(stateRun))
          .orElseThrow(() -> new IllegalStateException("Cannot archive " + type.tableName()
              + ": the table's newest archive run " + runId + " (snapshot " + snapshot.snapshotId()
              + ") does not follow run " + (stateRun.isPresent() ? stateRun.getAsLong() : "none")
              + " of scouter.archive_state; refusing to archive until an operator reconciles them"));
      RunSummary summary = RunMarker.summary(snapshot);
      runs.finish(run, snapshot.snapshotId(), summary);
      LOG.info("Reconciled archive run {} of {}: found in snapshot {}, finished", runId, type, snapshot.snapshotId());
      progress.finished(run, snapshot.snapshotId(), summary);
      finished = runId;
    }
    for (ArchiveRun pending : runs.pendingRuns(type)) {
      if (pending.id() != finished) {
        // Files it may have written are referenced by no snapshot: orphan cleanup removes them later.
        runs.close(pending, "released", "Released by reconciliation: no snapshot carries this run");
        LOG.info("Reconciled archive run {} of {}: never committed, released", pending.id(), type);
      }
    }
  }

  private static boolean sameRun(long runId, OptionalLong stateRun) {
    return stateRun.isPresent() && stateRun.getAsLong() == runId;
  }

  /** Plans, records, copies, commits and finishes one run; returns whether the pass may go on. */
  private boolean runOnce(Table table, DriftType type, UUID passId, Instant cutoff, RunPlanner planner,
      TableLock lock, Progress progress) throws SQLException {
    Optional<ArchiveState> base = runs.state(type);
    ArchiveRun run;
    RunFiles written = null;
    try (RunSnapshot snapshot = RunSnapshot.open(dataSource)) {
      Optional<RunPlan> plan = planner.plan(snapshot,
          base.map(ArchiveState::watermark).orElse(ArchiveWatermark.NONE), cutoff,
          new LateDuplicateFinder(table, type,
              base.map(state -> OptionalLong.of(state.snapshotId())).orElse(OptionalLong.empty())));
      if (plan.isEmpty()) {
        return false;
      }
      run = runs.start(type, passId, base, plan.get());
      faults.reached(ArchiveStep.AFTER_START, type, run.id());
      try {
        written = writer.write(table, run, plan.get(), snapshot);
        faults.reached(ArchiveStep.AFTER_WRITE, type, run.id());
      } catch (IOException | RuntimeException e) {
        fail(run, written == null ? List.of() : written.files(), e, progress, table.io());
        return false;
      }
    }
    return commitAndFinish(table, run, written, lock, progress);
  }

  private boolean commitAndFinish(Table table, ArchiveRun run, RunFiles written, TableLock lock, Progress progress)
      throws SQLException {
    long snapshotId;
    try {
      AppendFiles append = table.newFastAppend().scanManifestsWith(new SameThreadExecutorService());
      written.files().forEach(append::appendFile);
      RunMarker.mark(append, run, written, lock::held);
      faults.reached(ArchiveStep.BEFORE_COMMIT, run.type(), run.id());
      append.commit();
      faults.reached(ArchiveStep.AFTER_COMMIT, run.type(), run.id());
      // Not table.currentSnapshot(): query threads refresh this Table, and maintenance or another
      // writer may have committed after this append; only the run marker names this run's snapshot.
      snapshotId = RunMarker.snapshotOfRun(table, run.id()).orElseThrow(() -> new CommitStateUnknownException(
          new IllegalStateException("The committed snapshot of archive run " + run.id() + " is not in the table's history")))
          .snapshotId();
    } catch (CommitStateUnknownException e) {
      // Never a failure: the snapshot may exist. Keep the run pending and every file; reconcile next pass.
      runs.noteError(run, "Commit state unknown: " + e.getMessage());
      LOG.warn("Archive run {} of {}: commit outcome unknown, left for reconciliation: {}", run.id(), run.type(),
          e.getMessage());
      progress.pending(e);
      return false;
    } catch (RuntimeException e) {
      fail(run, written.files(), e, progress, table.io());
      return false;
    }
    RunSummary summary = RunSummary.of(written);
    runs.finish(run, snapshotId, summary);
    progress.finished(run, snapshotId, summary);
    return true;
  }

  /** The commit certainly did not happen: the files are garbage, and the watermark never moved. */
  private void fail(ArchiveRun run, List<DataFile> files, Exception e, Progress progress, FileIO io)
      throws SQLException {
    UncommittedFiles.deleteQuietly(io, files.stream().map(DataFile::location).toList());
    runs.close(run, "failed", e.toString());
    LOG.error("Archive run {} of {} failed; its rows stay hot for the next pass", run.id(), run.type(), e);
    progress.failed(e);
  }

  /** Tallies one table's pass. */
  private static final class Progress {
    private final DriftType type;
    private final Instant started;
    private final Clock clock;
    private final List<Long> runIds = new ArrayList<>();
    private long rows;
    private int files;
    private long bytes;
    private Long snapshotId;
    private TableRunResult.Outcome outcome = TableRunResult.Outcome.DONE;
    private String error;

    Progress(DriftType type, Instant started, Clock clock) {
      this.clock = clock;
      this.type = type;
      this.started = started;
    }

    void finished(ArchiveRun run, long snapshot, RunSummary summary) {
      runIds.add(run.id());
      rows += summary.rows();
      files += summary.files();
      bytes += summary.bytes();
      snapshotId = snapshot;
    }

    void failed(Exception e) {
      outcome = TableRunResult.Outcome.FAILED;
      error = e.toString();
    }

    void pending(Exception e) {
      outcome = TableRunResult.Outcome.PENDING;
      error = e.toString();
    }

    TableRunResult result() {
      return new TableRunResult(type, outcome, List.copyOf(runIds), rows, files, bytes, snapshotId,
          Duration.between(started, clock.instant()), error);
    }
  }
}
