package io.scouter.archive.bench;

import io.scouter.archive.catalog.drift.DriftType;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Asks one question {@code warmup} times untimed, then {@code runs} times timed, one after the other. */
final class LatencyMeasurement {
  private final QueryProbe probe;
  private final int warmup;
  private final int runs;

  LatencyMeasurement(QueryProbe probe, int warmup, int runs) {
    this.probe = probe;
    this.warmup = warmup;
    this.runs = runs;
  }

  LatencyResult measure(DriftType type, BenchEntity entity, QueryWindow window)
      throws IOException, InterruptedException {
    // The first call also tells whether there is anything to measure; it counts as warm-up.
    QueryAnswer answer = probe.query(type, entity, window);
    for (int i = 1; i < warmup && answer.isOk(); i++) {
      answer = probe.query(type, entity, window);
    }
    List<Duration> samples = new ArrayList<>(runs);
    for (int i = 0; i < runs && answer.isOk(); i++) {
      answer = probe.query(type, entity, window);
      if (answer.isOk()) {
        samples.add(answer.elapsed());
      }
    }
    return answer.isOk() ? LatencyResult.of(samples, answer.body())
        : LatencyResult.unavailable(answer.unavailableReason());
  }
}
