package io.scouter.archive.api.metrics;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The SPC response, {@code {"features": {"<feature>": {"created_at": [...], "values": [...]}}}}:
 * features sorted by name, and per feature only the bins holding records, in ascending time, each
 * valued by the arithmetic mean of its records.
 */
public record SpcResult(Map<String, Feature> features) {
  public SpcResult {
    features = SortedMaps.copyOf(features, "features");
  }

  /** One feature's series; {@code createdAt.get(i)} is the start of the bin whose mean is {@code values.get(i)}. */
  public record Feature(
      @JsonProperty("created_at") @JsonFormat(shape = JsonFormat.Shape.STRING) List<Instant> createdAt,
      List<Double> values) {
    public Feature {
      createdAt = List.copyOf(createdAt);
      values = List.copyOf(values);
      if (createdAt.size() != values.size()) {
        throw new IllegalArgumentException("Invalid SPC series: " + createdAt.size() + " bin starts but "
            + values.size() + " values");
      }
    }
  }

  static SpcResult from(SortedMap<String, SortedMap<Instant, MomentsAccumulator>> bins) {
    Map<String, Feature> features = new TreeMap<>();
    bins.forEach((feature, series) -> {
      List<Double> values = new ArrayList<>(series.size());
      series.values().forEach(moments -> values.add(moments.mean()));
      features.put(feature, new Feature(new ArrayList<>(series.keySet()), values));
    });
    return new SpcResult(features);
  }
}
