package io.scouter.archive.catalog.iceberg;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs each task on the thread that submits it. Iceberg 1.11 waits for work it hands to an executor
 * by polling every 10 ms ({@code Tasks.waitFor}, {@code ParallelIterable}), so work of a
 * millisecond or less on its shared worker pool costs a 10 ms sleep. Two places hand it this
 * executor instead: an archive run's append, whose manifest list entries (one new manifest; every
 * older one already carries its counts, so nothing is read) are then done before the first poll,
 * taking a warm commit of a 30-file run from 28 to 18 ms; and a query's planning on a local disk
 * ({@link ScanPlanning}). Figures in BENCHMARKS.md, "issue 17, fifth session". The JDK has no such
 * executor, and Iceberg's copy of Guava's is relocated internals.
 *
 * <p>Not for rewrites (compaction, duplicate removal): they read every manifest they filter, and
 * there the pool's parallel reads are worth the polling.
 */
public final class SameThreadExecutorService extends AbstractExecutorService {
  private volatile boolean shutdown;

  @Override
  public void execute(Runnable task) {
    if (shutdown) {
      throw new RejectedExecutionException("Cannot run a task: the executor is shut down");
    }
    task.run();
  }

  @Override
  public void shutdown() {
    shutdown = true;
  }

  /** Nothing is ever queued: each task ran before {@link #execute} returned. */
  @Override
  public List<Runnable> shutdownNow() {
    shutdown = true;
    return List.of();
  }

  @Override
  public boolean isShutdown() {
    return shutdown;
  }

  /** Terminated as soon as shut down: a task still running is on a caller's own thread. */
  @Override
  public boolean isTerminated() {
    return shutdown;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return shutdown;
  }
}
