package io.scouter.archive.api.metrics;

/**
 * A bin's mean, deviation and bounds computed from its exact sums in {@link DoubleDouble}
 * arithmetic, returned only where that is certainly the double nearest to the exact value; NaN
 * otherwise, and the caller then computes it exactly ({@link NearestDouble}).
 *
 * <p>Why: the exact square root and division on numbers of a few hundred bits were the costliest
 * step of a query (for a custom metric, most of it). Here each readout is known to within a
 * relative 2^-90 (the operations' bounds add up to less than 2^-100), while a double's rounding
 * intervals are 2^-53 wide: the readout is certain unless the exact value lies within 2^-90 of a
 * midpoint between two doubles, which happens for exact ties (the mean of two values often is
 * one) and about once in 2^36 bins otherwise. So the answer is the same as the exact one, every
 * time; only the work differs.
 */
final class FastReadout {
  private static final double RELATIVE_ERROR = 0x1p-90;
  /** Bins up to 2^26 values: then n * (n - 1) is below 2^52, an exact double. */
  private static final long MAX_COUNT = 1L << 26;

  private FastReadout() {}

  /** The mean {@code sum / count}, or NaN. */
  static double mean(ExactSum sum, long count) {
    DoubleDouble mean = meanOf(sum, count);
    return mean == null ? Double.NaN : mean.nearestWithin(mean.magnitude() * RELATIVE_ERROR);
  }

  /** The sample standard deviation {@code sqrt(numerator / (count * (count - 1)))}, or NaN. */
  static double deviation(ExactSum varianceNumerator, long count) {
    DoubleDouble deviation = deviationOf(varianceNumerator, count);
    return deviation == null ? Double.NaN : deviation.nearestWithin(deviation.magnitude() * RELATIVE_ERROR);
  }

  /** The mean plus {@code sign} times the deviation, or NaN. */
  static double meanPlusDeviation(ExactSum sum, ExactSum varianceNumerator, long count, int sign) {
    DoubleDouble deviation = deviationOf(varianceNumerator, count);
    DoubleDouble mean = sum.significand().signum() == 0 ? DoubleDouble.ZERO : meanOf(sum, count);
    if (deviation == null || mean == null) {
      return Double.NaN;
    }
    DoubleDouble bound = mean.add(sign > 0 ? deviation : deviation.negate());
    // Absolute: the terms' errors add up whatever the sum cancels.
    return bound.nearestWithin((mean.magnitude() + deviation.magnitude()) * RELATIVE_ERROR);
  }

  private static DoubleDouble meanOf(ExactSum sum, long count) {
    DoubleDouble total = DoubleDouble.of(sum.significand(), sum.exponent());
    if (total == null) {
      return null;
    }
    DoubleDouble mean = total.divide((double) count);
    return mean.inRange() ? mean : null;
  }

  private static DoubleDouble deviationOf(ExactSum varianceNumerator, long count) {
    if (count < 2 || count > MAX_COUNT) {
      return null;
    }
    DoubleDouble numerator = DoubleDouble.of(varianceNumerator.significand(), varianceNumerator.exponent());
    if (numerator == null || numerator.hi() < 0) {
      return null;
    }
    DoubleDouble variance = numerator.divide((double) (count * (count - 1)));
    return variance.inRange() ? variance.sqrt() : null;
  }
}
