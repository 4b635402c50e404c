package io.scouter.archive.archiver.write;

import io.scouter.archive.archiver.run.ArchiveRun;
import io.scouter.archive.archiver.run.RunFileWriter;
import io.scouter.archive.archiver.run.RunFiles;
import io.scouter.archive.archiver.run.RunPlan;
import io.scouter.archive.archiver.run.RunSnapshot;
import io.scouter.archive.archiver.run.UncommittedFiles;
import io.scouter.archive.catalog.hotstore.SnapshotTransaction;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archiver's writer: each slice of a run's plan streamed by binary COPY, in the run's snapshot,
 * into the table's Parquet files. The slices cover disjoint rows (newly expired days, possibly cut
 * at a day boundary; late arrivals below the old cutoff), each clustered by partition on its own, so
 * each gets its own writer. Up to {@link #COPY_STREAMS} slices are copied at once: the run's own
 * connection and others that share its snapshot, each a PostgreSQL backend of its own.
 */
public final class CopyRunFileWriter implements RunFileWriter {
  /** See {@code RunPlanner.EXPIRED_SLICES} for the measurement. */
  static final int COPY_STREAMS = 2;
  private static final Logger LOG = LoggerFactory.getLogger(CopyRunFileWriter.class);

  @Override
  public RunFiles write(Table table, ArchiveRun run, RunPlan plan, RunSnapshot snapshot) throws IOException {
    List<String> slices = plan.slices();
    List<SnapshotTransaction> shared = shareSnapshot(snapshot, Math.min(COPY_STREAMS, slices.size()) - 1);
    int streams = shared.size() + 1;
    // The encoder threads are split between the streams: the cores are the same.
    ArchiveWriteOptions options = ArchiveWriteOptions.defaults().withEncoderThreads(
        Math.max(1, ArchiveWriteOptions.ENCODER_THREADS_DEFAULT / streams));
    Slices work = new Slices(new DriftArchiveWriter(table, run.type(), options), run, slices);
    ExecutorService helpers = streams == 1 ? null : Executors.newFixedThreadPool(shared.size(), runnable -> {
      Thread thread = new Thread(runnable, "archive-copy-" + run.type().tableName());
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<?>> copies = new ArrayList<>();
      for (SnapshotTransaction transaction : shared) {
        copies.add(helpers.submit(() -> {
          work.copyOn(transaction.connection());
          return null;
        }));
      }
      try {
        work.copyOn(snapshot.connection());
      } catch (SQLException | RuntimeException | Error e) {
        // Recorded in work and thrown below, once no other stream can still be writing files.
      }
      for (Future<?> copy : copies) {
        awaitQuietly(copy, work);
      }
      work.rethrowFailure();
      RunFiles result = work.result();
      if (result.rows() != plan.rows()) {
        throw new IllegalStateException("Cannot archive run " + run.id() + ": its snapshot holds " + plan.rows()
            + " rows to copy but " + result.rows() + " were copied");
      }
      return result;
    } catch (SQLException | RuntimeException e) {
      UncommittedFiles.deleteQuietly(table.io(), work.writtenLocations());
      if (e instanceof SQLException) {
        throw new IOException("Cannot copy the rows of archive run " + run.id() + ": " + e.getMessage(), e);
      }
      throw (RuntimeException) e;
    } finally {
      if (helpers != null) {
        helpers.shutdownNow();
      }
      closeAll(shared);
    }
  }

  /**
   * Up to {@code wanted} transactions in the run's snapshot. One the pool cannot give costs only
   * speed: its slices are copied on the connections there are.
   */
  private static List<SnapshotTransaction> shareSnapshot(RunSnapshot snapshot, int wanted) {
    List<SnapshotTransaction> shared = new ArrayList<>();
    try {
      for (int i = 0; i < wanted; i++) {
        shared.add(snapshot.share());
      }
    } catch (SQLException | RuntimeException e) {
      LOG.warn("Copying on {} of {} connections: cannot share the run's snapshot: {}", shared.size() + 1, wanted + 1,
          e.getMessage());
    }
    return shared;
  }

  private static void awaitQuietly(Future<?> copy, Slices work) {
    boolean interrupted = false;
    while (true) {
      try {
        copy.get();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      } catch (ExecutionException e) {
        work.failed(e.getCause());
        break;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeAll(List<SnapshotTransaction> transactions) {
    for (SnapshotTransaction transaction : transactions) {
      try {
        transaction.close();
      } catch (SQLException e) {
        LOG.warn("Cannot close a transaction that shared an archive run's snapshot: {}", e.getMessage());
      }
    }
  }

  /** The slices of one run, taken in order by whichever connection is free; stops at the first failure. */
  private static final class Slices {
    private final DriftArchiveWriter writer;
    private final ArchiveRun run;
    private final List<String> predicates;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicReferenceArray<RunFiles> written;
    private volatile Throwable failure;

    Slices(DriftArchiveWriter writer, ArchiveRun run, List<String> predicates) {
      this.writer = writer;
      this.run = run;
      this.predicates = predicates;
      this.written = new AtomicReferenceArray<>(predicates.size());
    }

    /** Copies slices on this connection until none is left or one failed anywhere. */
    void copyOn(Connection connection) throws SQLException {
      try {
        for (int i = next.getAndIncrement(); i < predicates.size() && failure == null; i = next.getAndIncrement()) {
          written.set(i, writer.write(connection, RowSelection.where(predicates.get(i), "run-" + run.id() + "-" + i)));
        }
      } catch (SQLException | RuntimeException | Error e) {
        failed(e);
        throw e;
      }
    }

    synchronized void failed(Throwable e) {
      if (failure == null) {
        failure = e;
      } else if (failure != e) {
        failure.addSuppressed(e);
      }
    }

    void rethrowFailure() throws SQLException {
      Throwable e = failure;
      if (e instanceof SQLException sql) {
        throw sql;
      }
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e instanceof Error error) {
        throw error;
      }
      if (e != null) {
        throw new IllegalStateException("Cannot copy a slice of archive run " + run.id() + ": " + e, e);
      }
    }

    RunFiles result() {
      List<DataFile> files = new ArrayList<>();
      long rows = 0;
      Optional<Instant> min = Optional.empty();
      Optional<Instant> max = Optional.empty();
      for (int i = 0; i < written.length(); i++) {
        RunFiles slice = written.get(i);
        files.addAll(slice.files());
        rows += slice.rows();
        min = earlier(min, slice.minCreatedAt());
        max = later(max, slice.maxCreatedAt());
      }
      return new RunFiles(files, rows, min, max);
    }

    /** Files of the slices that were written whole; a failed slice deletes its own. */
    List<String> writtenLocations() {
      List<String> locations = new ArrayList<>();
      for (int i = 0; i < written.length(); i++) {
        RunFiles slice = written.get(i);
        if (slice != null) {
          slice.files().forEach(file -> locations.add(file.location()));
        }
      }
      return locations;
    }

    private static Optional<Instant> earlier(Optional<Instant> a, Optional<Instant> b) {
      return a.isEmpty() ? b : b.isEmpty() || a.get().isBefore(b.get()) ? a : b;
    }

    private static Optional<Instant> later(Optional<Instant> a, Optional<Instant> b) {
      return a.isEmpty() ? b : b.isEmpty() || a.get().isAfter(b.get()) ? a : b;
    }
  }
}
