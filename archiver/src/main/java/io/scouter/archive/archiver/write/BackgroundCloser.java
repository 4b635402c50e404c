package io.scouter.archive.archiver.write;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Closes data file streams on background threads, so that an encoding thread does not wait for what
 * a close costs in latency rather than CPU: fsync and publish on local disks, the final upload on
 * object stores. {@link #awaitAll()} is the barrier: once it returns, every file is complete and
 * durable as far as its FileIO promises, so the data files may be committed.
 *
 * <p>At most {@code maxPending} closes are outstanding; {@link #close(Closeable)} blocks beyond that,
 * which bounds the buffers held by streams that wait to be closed.
 */
final class BackgroundCloser implements AutoCloseable {
  private final ExecutorService executor;
  private final Semaphore pending;
  private final int maxPending;
  private final AtomicReference<IOException> failure = new AtomicReference<>();

  BackgroundCloser(int threads, int maxPending, String threadName) {
    AtomicInteger counter = new AtomicInteger();
    this.executor = Executors.newFixedThreadPool(threads, runnable -> {
      Thread thread = new Thread(runnable, threadName + "-" + counter.getAndIncrement());
      thread.setDaemon(true);
      return thread;
    });
    this.maxPending = maxPending;
    this.pending = new Semaphore(maxPending);
  }

  /** Closes {@code stream} in the background; a failure surfaces from {@link #awaitAll()}. */
  void close(Closeable stream) {
    pending.acquireUninterruptibly();
    try {
      executor.execute(() -> {
        try {
          stream.close();
        } catch (IOException e) {
          failure.compareAndSet(null, e);
        } catch (RuntimeException e) {
          failure.compareAndSet(null, new IOException(e.getMessage(), e));
        } finally {
          pending.release();
        }
      });
    } catch (RuntimeException e) {
      pending.release();
      throw e;
    }
  }

  /** Waits for every close handed over so far; throws the first failure. */
  void awaitAll() {
    pending.acquireUninterruptibly(maxPending);
    pending.release(maxPending);
    IOException e = failure.get();
    if (e != null) {
      throw new UncheckedIOException("Cannot complete a data file: " + e.getMessage(), e);
    }
  }

  /** Waits for pending closes, then stops the threads. */
  @Override
  public void close() {
    pending.acquireUninterruptibly(maxPending);
    pending.release(maxPending);
    executor.shutdown();
  }
}
