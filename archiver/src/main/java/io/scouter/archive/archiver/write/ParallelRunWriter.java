package io.scouter.archive.archiver.write;

import io.scouter.archive.catalog.drift.DriftType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.iceberg.DataFile;

/**
 * Encodes runs on {@code threads} encoder threads, each with a {@link ClusteredArchiveWriter} of its
 * own (so at most one open file per thread), while the calling thread keeps reading from PostgreSQL.
 * The JDBC connection is only ever used by the calling thread.
 *
 * <p>Runs are taken from one shared queue in the order they were read. Since the input is clustered
 * by partition, every thread still sees each partition's runs together, so each writer's clustering
 * check holds. A fixed pool of {@code threads + 1} runs bounds the memory in flight.
 */
final class ParallelRunWriter implements RunWriter {
  private static final PartitionRun END = new PartitionRun(1, DriftType.SPC);
  private static final long POLL_MILLIS = 100;

  private final BlockingQueue<PartitionRun> free;
  private final BlockingQueue<PartitionRun> work;
  private final List<ClusteredArchiveWriter> writers = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile boolean aborted;
  private boolean stopped;

  ParallelRunWriter(
      int threadCount, Supplier<ClusteredArchiveWriter> newWriter, int maxRunRows, DriftType type, String threadName) {
    // One run per encoder thread plus the one being filled; the reader waits when all are busy.
    int runs = threadCount + 1;
    this.free = new ArrayBlockingQueue<>(runs);
    // Room for every run plus one end marker per thread: handing over never blocks.
    this.work = new ArrayBlockingQueue<>(runs + threadCount);
    for (int i = 0; i < runs; i++) {
      free.add(new PartitionRun(maxRunRows, type));
    }
    for (int i = 0; i < threadCount; i++) {
      ClusteredArchiveWriter writer = newWriter.get();
      Thread thread = new Thread(() -> encode(writer), threadName + "-" + i);
      thread.setDaemon(true);
      writers.add(writer);
      threads.add(thread);
    }
    threads.forEach(Thread::start);
  }

  @Override
  public PartitionRun nextFree() {
    try {
      while (true) {
        rethrowEncoderFailure();
        PartitionRun run = free.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (run != null) {
          return run;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Cannot archive: interrupted while waiting for an encoder thread", e);
    }
  }

  @Override
  public void accept(PartitionRun run) {
    rethrowEncoderFailure();
    work.add(run);
  }

  @Override
  public List<DataFile> finish() {
    stopAndJoin();
    rethrowEncoderFailure();
    List<DataFile> files = new ArrayList<>();
    for (ClusteredArchiveWriter writer : writers) {
      files.addAll(writer.finish());
    }
    return files;
  }

  @Override
  public List<String> abandon() {
    aborted = true;
    stopAndJoin();
    List<String> locations = new ArrayList<>();
    writers.forEach(writer -> locations.addAll(writer.abandon()));
    return locations;
  }

  private void encode(ClusteredArchiveWriter writer) {
    ArchiveRow row = new ArchiveRow();
    try {
      while (true) {
        PartitionRun run = work.take();
        if (run == END) {
          return;
        }
        if (!aborted) {
          run.writeTo(writer, row);
        }
        free.add(run);
      }
    } catch (Throwable e) {
      failure.compareAndSet(null, e);
      aborted = true;
    }
  }

  private void stopAndJoin() {
    if (!stopped) {
      stopped = true;
      threads.forEach(thread -> work.add(END));
    }
    boolean interrupted = false;
    for (Thread thread : threads) {
      while (thread.isAlive()) {
        try {
          thread.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void rethrowEncoderFailure() {
    Throwable e = failure.get();
    if (e instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (e instanceof Error error) {
      throw error;
    }
    if (e != null) {
      throw new IllegalStateException("Cannot write data files: " + e, e);
    }
  }
}
