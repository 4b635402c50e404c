package io.scouter.archive.api.metrics;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The custom metric response, {@code {"metrics": {"<metric>": {"metric": ..., "created_at": [...],
 * "stats": [{"avg", "lower_bound", "upper_bound"}]}}}}: metrics sorted by name, and per metric only
 * the bins holding records, in ascending time.
 */
public record CustomResult(Map<String, Metric> metrics) {
  public CustomResult {
    metrics = SortedMaps.copyOf(metrics, "metrics");
  }

  /** One metric's series; {@code createdAt.get(i)} is the start of the bin described by {@code stats.get(i)}. */
  public record Metric(
      String metric,
      @JsonProperty("created_at") @JsonFormat(shape = JsonFormat.Shape.STRING) List<Instant> createdAt,
      List<Stats> stats) {
    public Metric {
      Objects.requireNonNull(metric, "metric");
      createdAt = List.copyOf(createdAt);
      stats = List.copyOf(stats);
      if (createdAt.size() != stats.size()) {
        throw new IllegalArgumentException("Invalid custom series '" + metric + "': " + createdAt.size()
            + " bin starts but " + stats.size() + " stats");
      }
    }
  }

  /** A bin's mean and the mean minus and plus its sample standard deviation (0 for one record). */
  public record Stats(
      double avg,
      @JsonProperty("lower_bound") double lowerBound,
      @JsonProperty("upper_bound") double upperBound) {

    /** Each figure is computed from the bin's exact sums and rounded once. */
    static Stats of(MomentsAccumulator moments) {
      MomentsReadout readout = moments.readout("mean and standard deviation");
      return new Stats(readout.mean(), readout.meanPlusDeviation(-1), readout.meanPlusDeviation(1));
    }
  }

  static CustomResult from(SortedMap<String, SortedMap<Instant, MomentsAccumulator>> bins) {
    Map<String, Metric> metrics = new TreeMap<>();
    bins.forEach((metric, series) -> {
      List<Stats> stats = new ArrayList<>(series.size());
      series.values().forEach(moments -> stats.add(Stats.of(moments)));
      metrics.put(metric, new Metric(metric, new ArrayList<>(series.keySet()), stats));
    });
    return new CustomResult(metrics);
  }
}
