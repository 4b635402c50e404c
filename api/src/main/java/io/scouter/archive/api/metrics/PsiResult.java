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
 * The PSI response, {@code {"features": {"<feature>": {"created_at": [...], "psi": [...],
 * "overall_psi": x, "bins": {"<bin_id>": overall proportion}}}}}.
 *
 * <p>Only features that both hold records in the window and appear in the reference profile are
 * listed (PSI is undefined without reference bins). Per feature, only the bins holding records, in
 * ascending time. {@code bins} has the overall proportion over the whole window of every observed
 * bin id and of every reference bin id (0 when never observed), ascending by bin id.
 *
 * <p>A time bin whose records all carry {@code bin_count} 0 has every proportion 0 (there is no
 * observed distribution to divide), so its PSI is the formula's value for "nothing observed":
 * the sum of -q * ln(1e-10 / (q + 1e-10)), about 22 for a profile summing to 1. It is reported,
 * not hidden, because the bin does hold records.
 */
public record PsiResult(Map<String, Feature> features) {
  public PsiResult {
    features = SortedMaps.copyOf(features, "features");
  }

  /** One feature's series; {@code createdAt.get(i)} is the start of the bin whose PSI is {@code psi.get(i)}. */
  public record Feature(
      @JsonProperty("created_at") @JsonFormat(shape = JsonFormat.Shape.STRING) List<Instant> createdAt,
      List<Double> psi,
      @JsonProperty("overall_psi") double overallPsi,
      Map<Integer, Double> bins) {
    public Feature {
      createdAt = List.copyOf(createdAt);
      psi = List.copyOf(psi);
      bins = SortedMaps.copyOf(bins, "bins");
      if (createdAt.size() != psi.size()) {
        throw new IllegalArgumentException("Invalid PSI series: " + createdAt.size() + " bin starts but "
            + psi.size() + " PSI values");
      }
    }
  }

  static PsiResult from(SortedMap<String, SortedMap<Instant, BinCountAccumulator>> bins, PsiReference reference) {
    Map<String, Feature> features = new TreeMap<>();
    bins.forEach((feature, series) -> {
      SortedMap<Integer, Double> referenceBins = reference.bins(feature);
      if (referenceBins != null) {
        features.put(feature, feature(series, referenceBins));
      }
    });
    return new PsiResult(features);
  }

  private static Feature feature(
      SortedMap<Instant, BinCountAccumulator> series, SortedMap<Integer, Double> reference) {
    BinCountAccumulator overall = new BinCountAccumulator();
    List<Double> psi = new ArrayList<>(series.size());
    series.values().forEach(counts -> {
      psi.add(PopulationStabilityIndex.of(counts, reference));
      overall.merge(counts);
    });
    Map<Integer, Double> proportions = new TreeMap<>();
    reference.keySet().forEach(binId -> proportions.put(binId, overall.proportion(binId)));
    for (int binId : overall.binIds()) {
      proportions.put(binId, overall.proportion(binId));
    }
    double overallPsi = PopulationStabilityIndex.of(overall, reference);
    return new Feature(new ArrayList<>(series.keySet()), psi, overallPsi, proportions);
  }
}
