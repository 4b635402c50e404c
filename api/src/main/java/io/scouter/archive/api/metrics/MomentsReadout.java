package io.scouter.archive.api.metrics;

import java.math.BigInteger;

/**
 * A bin's mean, deviation and bounds, read out of its exact sums, which are built once however
 * many figures are read (a custom bin reads three). Each figure is the double nearest to the exact
 * value: {@link FastReadout} where it is certain of it, else {@link NearestDouble}.
 */
final class MomentsReadout {
  private final long count;
  private final ExactSum sum;
  private final ExactSum squares;
  private ExactSum varianceNumerator;

  /** @param count at least 1 */
  MomentsReadout(long count, ExactSum sum, ExactSum squares) {
    this.count = count;
    this.sum = sum;
    this.squares = squares;
  }

  double mean() {
    double fast = FastReadout.mean(sum, count);
    return Double.isNaN(fast) ? NearestDouble.quotient(sum.significand(), sum.exponent(), BigInteger.valueOf(count))
        : fast;
  }

  /** The sample standard deviation (n - 1 in the denominator), 0 for a single value. */
  double sampleStandardDeviation() {
    if (count == 1) {
      return 0.0;
    }
    ExactSum numerator = varianceNumerator();
    double fast = FastReadout.deviation(numerator, count);
    return Double.isNaN(fast)
        ? NearestDouble.squareRoot(numerator.significand(), numerator.exponent(), varianceDenominator()) : fast;
  }

  /** The mean plus {@code sign} (1 or -1) times the sample standard deviation, rounded once. */
  double meanPlusDeviation(int sign) {
    if (count == 1) {
      return mean();
    }
    ExactSum numerator = varianceNumerator();
    double fast = FastReadout.meanPlusDeviation(sum, numerator, count, sign);
    return Double.isNaN(fast) ? NearestDouble.quotientPlusRoot(sum.significand(), sum.exponent(),
        BigInteger.valueOf(count), sign, numerator.significand(), numerator.exponent(), varianceDenominator()) : fast;
  }

  /** {@code n * Q - S^2}: exact, and never negative for real values. */
  ExactSum varianceNumerator() {
    if (varianceNumerator == null) {
      ExactSum numerator = new ExactSum();
      numerator.add(squares.significand().multiply(BigInteger.valueOf(count)), squares.exponent());
      numerator.add(sum.significand().multiply(sum.significand()).negate(), 2 * sum.exponent());
      varianceNumerator = numerator;
    }
    return varianceNumerator;
  }

  private BigInteger varianceDenominator() {
    return BigInteger.valueOf(count).multiply(BigInteger.valueOf(count - 1));
  }
}
