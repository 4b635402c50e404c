package io.scouter.archive.archiver.write;

import io.scouter.archive.catalog.drift.DriftType;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the COPY decoding on a second thread, feeding the calling thread (which encodes Parquet)
 * through a small, fixed pool of {@link RowBatch}es: a bounded amount of memory in flight, no
 * allocation per batch. The decoding thread is the only one touching the JDBC connection until it has
 * been joined, so the caller may cancel the COPY afterwards.
 */
final class DecodeAheadPipeline {
  static final int BATCH_ROWS = 8192;
  static final int BATCHES = 4;
  private static final RowBatch END = new RowBatch(0);

  private final ArchiveRowReader reader;
  private final BlockingQueue<RowBatch> free = new ArrayBlockingQueue<>(BATCHES);
  // Room for every batch plus the end marker: the decoding thread never blocks on handing over.
  private final BlockingQueue<RowBatch> full = new ArrayBlockingQueue<>(BATCHES + 1);
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile boolean stopped;

  private DecodeAheadPipeline(ArchiveRowReader reader) {
    this.reader = reader;
    for (int i = 0; i < BATCHES; i++) {
      free.add(new RowBatch(BATCH_ROWS));
    }
  }

  static void run(ArchiveRowReader reader, DriftArchiveWriter.RowSink sink, DriftType type) throws SQLException {
    new DecodeAheadPipeline(reader).run(sink, "archive-decode-" + type.tableName());
  }

  private void run(DriftArchiveWriter.RowSink sink, String threadName) throws SQLException {
    Thread decoder = new Thread(this::decode, threadName);
    decoder.setDaemon(true);
    decoder.start();
    boolean drained = false;
    try {
      encode(sink);
      drained = true;
    } finally {
      if (!drained) {
        stopped = true;
        decoder.interrupt();
      }
      joinUninterruptibly(decoder);
    }
    rethrowDecodeFailure();
  }

  private void encode(DriftArchiveWriter.RowSink sink) {
    ArchiveRow row = new ArchiveRow();
    ArchivePartition current = null;
    while (true) {
      RowBatch batch = takeUninterruptibly(full);
      if (batch == END) {
        return;
      }
      for (int i = 0, size = batch.size(); i < size; i++) {
        ArchivePartition partition = batch.partition(i);
        if (partition != current) {
          current = partition;
          row.partition(partition);
        }
        batch.load(i, row);
        sink.accept(partition, row);
      }
      batch.clear();
      free.add(batch);
    }
  }

  private void decode() {
    try {
      ArchiveRow row = new ArchiveRow();
      RowBatch batch = free.take();
      while (!stopped && reader.next(row)) {
        if (batch.add(reader.partition(), row)) {
          full.add(batch);
          batch = free.take();
        }
      }
      if (batch.size() > 0) {
        full.add(batch);
      }
    } catch (InterruptedException e) {
      if (!stopped) {
        failure.set(e);
      }
    } catch (Throwable e) {
      failure.set(e);
    } finally {
      full.add(END);
    }
  }

  private void rethrowDecodeFailure() throws SQLException {
    Throwable e = failure.get();
    if (e == null) {
      return;
    }
    if (e instanceof SQLException sql) {
      throw sql;
    }
    if (e instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (e instanceof Error error) {
      throw error;
    }
    throw new IllegalStateException("Cannot decode the COPY stream: " + e, e);
  }

  private static RowBatch takeUninterruptibly(BlockingQueue<RowBatch> queue) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return queue.take();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void joinUninterruptibly(Thread thread) {
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
