package io.scouter.archive.bench;

import io.scouter.archive.catalog.drift.DriftType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code clients} clients asking the same question at once, each one warm-up question then
 * {@code perClient} timed ones, back to back. A 503 (the archive's scan permits all taken for longer
 * than the queue wait) is retried after a pause, as a client honouring Retry-After would, and counted:
 * the latency of that question runs from its first attempt to its answer.
 */
final class ConcurrentLatency {
  private static final Duration RETRY_PAUSE = Duration.ofMillis(200);
  private static final int MAX_ATTEMPTS = 100;

  private final QueryProbe probe;
  private final int clients;
  private final int perClient;

  ConcurrentLatency(QueryProbe probe, int clients, int perClient) {
    this.probe = probe;
    this.clients = clients;
    this.perClient = perClient;
  }

  /** Latencies of every timed question, and the 503s retried. */
  record Result(LatencyResult latency, int rejected) {}

  Result measure(DriftType type, BenchEntity entity, QueryWindow window) throws Exception {
    List<Duration> samples = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger rejected = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<QueryAnswer>> futures = new ArrayList<>();
      for (int client = 0; client < clients; client++) {
        futures.add(pool.submit(() -> {
          QueryAnswer last = ask(type, entity, window, rejected);
          for (int i = 0; i < perClient && last.isOk(); i++) {
            long started = System.nanoTime();
            last = ask(type, entity, window, rejected);
            if (last.isOk()) {
              samples.add(Duration.ofNanos(System.nanoTime() - started));
            }
          }
          return last;
        }));
      }
      QueryAnswer last = null;
      for (Future<QueryAnswer> future : futures) {
        QueryAnswer answer = future.get();
        if (!answer.isOk()) {
          return new Result(LatencyResult.unavailable(answer.unavailableReason()), rejected.get());
        }
        last = answer;
      }
      return new Result(LatencyResult.of(samples, last.body()), rejected.get());
    } finally {
      pool.shutdownNow();
    }
  }

  private QueryAnswer ask(DriftType type, BenchEntity entity, QueryWindow window, AtomicInteger rejected)
      throws Exception {
    QueryAnswer answer = probe.query(type, entity, window);
    for (int attempt = 1; attempt < MAX_ATTEMPTS && isBusy(answer); attempt++) {
      rejected.incrementAndGet();
      Thread.sleep(RETRY_PAUSE.toMillis());
      answer = probe.query(type, entity, window);
    }
    return answer;
  }

  private static boolean isBusy(QueryAnswer answer) {
    return answer.outcome() == QueryAnswer.Outcome.FAILED && answer.detail().startsWith("HTTP 503");
  }
}
