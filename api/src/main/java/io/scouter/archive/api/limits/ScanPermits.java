package io.scouter.archive.api.limits;

import io.scouter.archive.api.errors.ErrorCategory;
import io.scouter.archive.api.errors.ScouterException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Caps how many archive scans (the Iceberg half of binned reads, exports) run at once. Each holds
 * Parquet readers, Arrow batches and scan threads; past the cap a request waits briefly and then
 * gets 503 with Retry-After, instead of all of them slowing down together until memory runs out.
 * The PostgreSQL half of a binned read takes no permit: the connection pool bounds it.
 */
public final class ScanPermits {
  private final Semaphore permits;
  private final int limit;
  private final Duration wait;

  /** No cap: for readers outside the service (tests, the benchmark's probes). */
  public static ScanPermits unlimited() {
    return new ScanPermits(Integer.MAX_VALUE, Duration.ZERO);
  }

  public ScanPermits(int limit, Duration wait) {
    this.permits = new Semaphore(limit, true);
    this.limit = limit;
    this.wait = wait;
  }

  /** A held permit; closing it returns the permit. */
  public interface Permit extends AutoCloseable {
    @Override
    void close();
  }

  /** Takes a permit, waiting at most the configured time; throws the 503 when none frees up. */
  public Permit acquire() {
    boolean acquired;
    try {
      acquired = permits.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      acquired = false;
    }
    if (!acquired) {
      throw new ScouterException("busy", ErrorCategory.OVERLOADED, 503, "Too many archive scans at once (limit "
          + limit + ", setting limits.maxConcurrentScans); retry shortly", Map.of());
    }
    return permits::release;
  }

  public int available() {
    return permits.availablePermits();
  }
}
