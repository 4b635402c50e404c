package io.scouter.archive.api.metrics;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An entity's PSI reference profile as the metrics need it: per feature, the reference proportion
 * of each {@code bin_id}. Parsing the registered profile JSON is the API's job; this record only
 * insists on finite, non-negative proportions and keeps everything sorted (PSI sums over the bin
 * ids in ascending order, so its rounding is reproducible).
 */
public record PsiReference(Map<String, SortedMap<Integer, Double>> features) {
  public PsiReference {
    Map<String, SortedMap<Integer, Double>> checked = new TreeMap<>();
    SortedMaps.copyOf(features, "features").forEach((feature, bins) -> {
      SortedMap<Integer, Double> proportions = SortedMaps.copyOf(bins, "bins of feature " + feature);
      proportions.forEach((binId, proportion) -> {
        if (!Double.isFinite(proportion) || proportion < 0) {
          throw new IllegalArgumentException("Invalid reference proportion for feature '" + feature + "', bin_id "
              + binId + ": " + proportion + " (must be finite and not negative)");
        }
      });
      checked.put(feature, proportions);
    });
    features = SortedMaps.copyOf(checked, "features");
  }

  /** A reference from plain maps, e.g. as parsed from the profile JSON; the maps are copied sorted. */
  public static PsiReference of(Map<String, ? extends Map<Integer, Double>> features) {
    Map<String, SortedMap<Integer, Double>> sorted = new TreeMap<>();
    SortedMaps.copyOf(features, "features")
        .forEach((feature, bins) -> sorted.put(feature, SortedMaps.copyOf(bins, "bins of feature " + feature)));
    return new PsiReference(sorted);
  }

  /** The reference bins of one feature, or null when the profile does not cover it. */
  SortedMap<Integer, Double> bins(String feature) {
    return features.get(feature);
  }
}
