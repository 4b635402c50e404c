package io.scouter.archive.archiver.run;

import io.scouter.archive.catalog.drift.DriftType;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * process left pending, then claims, copies, commits and finishes runs until nothing expired is
 * left (or the pass's run limit is reached). See the README's "Guarantees" for the protocol.
 */
public final class TableArchiver {
  private static final Logger LOG = LoggerFactory.getLogger(TableArchiver.class);

  private final DataSource dataSource;
  private final ArchiveRunStore runs;
  private final RunFileWriter writer;
  private final ArchiveFaults faults;

  public TableArchiver(DataSource dataSource, RunFileWriter writer, ArchiveFaults faults) {
    this.dataSource = dataSource;
    this.runs = new ArchiveRunStore(dataSource, faults);
    this.writer = writer;
    this.faults = faults;
  }

  public TableRunResult archive(Table table, DriftType type, UUID passId, Instant cutoff, long maxRowsPerRun,
      int maxRunsPerPass) throws SQLException {
    Instant started = Instant.now();
    Optional<TableLock> acquired = TableLock.tryAcquire(dataSource, type);
    if (acquired.isEmpty()) {
      return new TableRunResult(type, TableRunResult.Outcome.SKIPPED_LOCKED, List.of(), 0, 0, 0, null,
          Duration.between(started, Instant.now()), null);
    }
    Progress progress = new Progress(type, started);
    try (TableLock lock = acquired.get()) {
      for (ClaimedRun pending : runs.pendingRuns(type)) {
        reconcile(table, pending, progress);
      }
      for (int i = 0; i < maxRunsPerPass; i++) {
        Optional<ClaimedRun> claimed = runs.claim(type, passId, cutoff, maxRowsPerRun);
        if (claimed.isEmpty()) {
          break;
        }
        if (!copyCommitAndFinish(table, claimed.get(), lock, progress)) {
          break;
        }
      }
    }
    return progress.result();
  }

  /** Finishes a run whose snapshot is in the table, or releases its rows when it never committed. */
  private void reconcile(Table table, ClaimedRun run, Progress progress) throws SQLException {
    Optional<Snapshot> committed = RunMarker.find(table, run.id());
    if (committed.isPresent()) {
      Snapshot snapshot = committed.get();
      int files = Integer.parseInt(snapshot.summary().getOrDefault("added-data-files", "0"));
      long bytes = Long.parseLong(snapshot.summary().getOrDefault("added-files-size", "0"));
      runs.finish(run, snapshot.snapshotId(), files, bytes);
      LOG.info("Reconciled archive run {} of {}: found in snapshot {}, finished", run.id(), run.type(),
          snapshot.snapshotId());
      progress.finished(run, snapshot.snapshotId(), files, bytes);
    } else {
      // Files it may have written are referenced by no snapshot: orphan cleanup removes them later.
      runs.release(run, "released", "Released by reconciliation: no snapshot carries this run");
      LOG.info("Reconciled archive run {} of {}: never committed, its {} rows released", run.id(), run.type(),
          run.rows());
    }
  }

  /** Returns whether the pass may go on with this table. */
  private boolean copyCommitAndFinish(Table table, ClaimedRun run, TableLock lock, Progress progress)
      throws SQLException {
    faults.reached(ArchiveStep.AFTER_CLAIM, run.type(), run.id());
    List<DataFile> files = List.of();
    long snapshotId;
    try {
      files = writer.write(table, run);
      faults.reached(ArchiveStep.AFTER_WRITE, run.type(), run.id());
      AppendFiles append = table.newFastAppend();
      files.forEach(append::appendFile);
      RunMarker.mark(append, run, lock::held);
      faults.reached(ArchiveStep.BEFORE_COMMIT, run.type(), run.id());
      append.commit();
      snapshotId = table.currentSnapshot().snapshotId();
      faults.reached(ArchiveStep.AFTER_COMMIT, run.type(), run.id());
    } catch (CommitStateUnknownException e) {
      // Never a failure: the snapshot may exist. Keep the claim and every file; reconcile next pass.
      runs.noteError(run, "Commit state unknown: " + e.getMessage());
      LOG.warn("Archive run {} of {}: commit outcome unknown, left for reconciliation: {}", run.id(), run.type(),
          e.getMessage());
      progress.pending(e);
      return false;
    } catch (IOException | RuntimeException e) {
      // The commit certainly did not happen: the files are garbage and the rows go back.
      deleteQuietly(table.io(), files);
      runs.release(run, "failed", e.toString());
      LOG.error("Archive run {} of {} failed; {} rows released for the next pass", run.id(), run.type(),
          run.rows(), e);
      progress.failed(e);
      return false;
    }
    int fileCount = files.size();
    long bytes = files.stream().mapToLong(DataFile::fileSizeInBytes).sum();
    runs.finish(run, snapshotId, fileCount, bytes);
    progress.finished(run, snapshotId, fileCount, bytes);
    return true;
  }

  private static void deleteQuietly(FileIO io, List<DataFile> files) {
    for (DataFile file : files) {
      try {
        io.deleteFile(file.location());
      } catch (RuntimeException e) {
        LOG.warn("Cannot delete uncommitted data file {}: {}", file.location(), e.toString());
      }
    }
  }

  /** Tallies one table's pass. */
  private static final class Progress {
    private final DriftType type;
    private final Instant started;
    private final List<Long> runIds = new ArrayList<>();
    private long rows;
    private int files;
    private long bytes;
    private Long snapshotId;
    private TableRunResult.Outcome outcome = TableRunResult.Outcome.DONE;
    private String error;

    Progress(DriftType type, Instant started) {
      this.type = type;
      this.started = started;
    }

    void finished(ClaimedRun run, long snapshot, int fileCount, long byteCount) {
      runIds.add(run.id());
      rows += run.rows();
      files += fileCount;
      bytes += byteCount;
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
          Duration.between(started, Instant.now()), error);
    }
  }
}
