package io.scouter.archive.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Latencies of one question asked {@code samples.size()} times after warm-up, with the last answer
 * (to count its bins and compare it with the other side's), or the reason there is no figure.
 */
record LatencyResult(List<Duration> samples, JsonNode lastAnswer, String unavailable) {

  static LatencyResult of(List<Duration> samples, JsonNode lastAnswer) {
    return new LatencyResult(List.copyOf(samples), lastAnswer, null);
  }

  static LatencyResult unavailable(String reason) {
    return new LatencyResult(List.of(), null, reason);
  }

  boolean available() {
    return unavailable == null;
  }

  Duration p50() {
    return Percentiles.of(samples, 50);
  }

  Duration p95() {
    return Percentiles.of(samples, 95);
  }

  /** Bins in the answer: the elements of every {@code created_at} array in it. */
  Optional<Integer> bins() {
    return available() ? Optional.of(countBins(lastAnswer)) : Optional.empty();
  }

  private static int countBins(JsonNode node) {
    int bins = 0;
    if (node.isObject()) {
      var fields = node.fields();
      while (fields.hasNext()) {
        var field = fields.next();
        bins += "created_at".equals(field.getKey()) && field.getValue().isArray()
            ? field.getValue().size() : countBins(field.getValue());
      }
    } else if (node.isArray()) {
      for (JsonNode element : node) {
        bins += countBins(element);
      }
    }
    return bins;
  }
}
