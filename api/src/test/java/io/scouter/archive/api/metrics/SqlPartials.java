package io.scouter.archive.api.metrics;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the PostgreSQL side computes for one (series, bin), done here in Java the way the SQL does
 * it: split each float8 into its integer significand and binary exponent, group by a block of
 * binary exponents, and take exact sums of the scaled significands and of their squares.
 */
final class SqlPartials {
  private SqlPartials() {}

  /** One partial per block of {@code blockBits} exponents: 32 in the recommended query, 1 for one per exponent. */
  static List<MomentsAccumulator> of(List<Double> values, int blockBits) {
    Map<Integer, BigInteger[]> blocks = new TreeMap<>();
    Map<Integer, Long> counts = new TreeMap<>();
    for (double value : values) {
      int exponent = ExactSum.exponentOf(value);
      int blockExponent = blockBits * Math.floorDiv(exponent, blockBits);
      BigInteger scaled = BigInteger.valueOf(ExactSum.significandOf(value)).shiftLeft(exponent - blockExponent);
      BigInteger[] sums =
          blocks.computeIfAbsent(blockExponent, key -> new BigInteger[] {BigInteger.ZERO, BigInteger.ZERO});
      sums[0] = sums[0].add(scaled);
      sums[1] = sums[1].add(scaled.multiply(scaled));
      counts.merge(blockExponent, 1L, Long::sum);
    }
    List<MomentsAccumulator> partials = new ArrayList<>();
    blocks.forEach((exponent, sums) ->
        partials.add(MomentsAccumulator.ofScaledSums(counts.get(exponent), exponent, sums[0], sums[1])));
    return partials;
  }

  /** The partials of the recommended query merged into one, as they arrive for one bin. */
  static MomentsAccumulator merged(List<Double> values) {
    MomentsAccumulator merged = new MomentsAccumulator();
    of(values, 32).forEach(merged::merge);
    return merged;
  }
}
