package io.scouter.archive.api.metrics;

import java.util.SortedMap;

/**
 * PSI = sum over the reference profile's bin ids of (p - q) * ln(p / q), with p the observed and q
 * the reference proportion, each plus {@link #EPSILON} so an absent bin (p = 0) stays finite.
 *
 * <p>Only the reference's bin ids are summed: the index compares the observed distribution with
 * the profile bin by bin. Observed bin ids the profile lacks still count in the observed total,
 * so they lower the other proportions, but add no term of their own. Terms are added in ascending
 * bin id order with {@link StrictMath#log}, so the same counts give the same bits on any JVM.
 */
public final class PopulationStabilityIndex {
  /** Added to both proportions, as in the original. */
  public static final double EPSILON = 1e-10;

  private PopulationStabilityIndex() {}

  /** The index of observed counts against reference proportions (bin id to proportion). */
  public static double of(BinCountAccumulator observed, SortedMap<Integer, Double> reference) {
    double index = 0.0;
    for (var entry : reference.entrySet()) {
      index += term(observed.proportion(entry.getKey()), entry.getValue());
    }
    return index;
  }

  /** One bin's contribution; never negative, 0 when both proportions agree. */
  public static double term(double observedProportion, double referenceProportion) {
    double observed = observedProportion + EPSILON;
    double reference = referenceProportion + EPSILON;
    return (observed - reference) * StrictMath.log(observed / reference);
  }
}
