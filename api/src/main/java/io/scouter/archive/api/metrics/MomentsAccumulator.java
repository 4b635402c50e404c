package io.scouter.archive.api.metrics;

import java.math.BigInteger;

/**
 * Count, sum and sum of squares of the values of one time bin, held exactly so that the answer
 * cannot depend on where a bin was split between PostgreSQL and Iceberg.
 *
 * <p>Why exact rather than Welford/Chan or compensated sums: any floating-point merge rounds
 * differently for every grouping of the same rows, and sum-of-squares variance cancels
 * catastrophically when the spread is small against the mean. Exact binary sums make merging
 * associative and commutative bit for bit, and the variance numerator {@code n*Q - S^2} exact and
 * never negative; only the final mean, standard deviation and bounds are rounded, once, to the
 * nearest double, so they are identical for every grouping: {@link FastReadout} where it is certain
 * of that double, which is almost always, else {@link NearestDouble}.
 *
 * <p>Rows are added with {@link #add(double)}, partials of other groupings with {@link #merge}.
 * The sums are {@link ChunkedExactSum}s, a few longs per bin with no allocation per value, turned
 * into {@link ExactSum}s once when the bin is answered. Not thread-safe.
 */
public final class MomentsAccumulator {
  private long count;
  private final ChunkedExactSum sum;
  private final ChunkedExactSum sumOfSquares;

  public MomentsAccumulator() {
    this(ChunkedExactSum.MAX_CARRY_INTERVAL);
  }

  /** An accumulator that carries more often than needed, so that tests reach the carry path. */
  MomentsAccumulator(int carryInterval) {
    this.sum = new ChunkedExactSum(carryInterval);
    this.sumOfSquares = new ChunkedExactSum(carryInterval);
  }

  /** Adds one record's value; metric values are finite (ingestion rejects the rest). */
  public void add(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("Invalid value: " + value + " (must be finite)");
    }
    long significand = ExactSum.significandOf(value);
    int exponent = ExactSum.exponentOf(value);
    count++;
    sum.add(significand, exponent);
    sumOfSquares.addSquare(significand, exponent);
  }

  /** Adds another partial of the same bin; the other accumulator is left unchanged. */
  public void merge(MomentsAccumulator other) {
    count = Math.addExact(count, other.count);
    sum.add(other.sum);
    sumOfSquares.add(other.sumOfSquares);
  }

  public long count() {
    return count;
  }

  /** The arithmetic mean: the SPC value of a bin and the {@code avg} of a custom metric bin. */
  public double mean() {
    requireValues("mean");
    ExactSum values = exactSum();
    double fast = FastReadout.mean(values, count);
    return Double.isNaN(fast)
        ? NearestDouble.quotient(values.significand(), values.exponent(), BigInteger.valueOf(count)) : fast;
  }

  /** The sample standard deviation (n - 1 in the denominator), 0 for a single value. */
  public double sampleStandardDeviation() {
    requireValues("standard deviation");
    if (count == 1) {
      return 0.0;
    }
    ExactSum numerator = varianceNumerator();
    double fast = FastReadout.deviation(numerator, count);
    return Double.isNaN(fast)
        ? NearestDouble.squareRoot(numerator.significand(), numerator.exponent(), varianceDenominator()) : fast;
  }

  /** The mean minus the sample standard deviation, from the exact values and rounded once. */
  public double meanMinusDeviation() {
    return meanPlusDeviation(-1);
  }

  /** The mean plus the sample standard deviation, from the exact values and rounded once. */
  public double meanPlusDeviation() {
    return meanPlusDeviation(1);
  }

  private double meanPlusDeviation(int sign) {
    requireValues("mean and standard deviation");
    ExactSum values = exactSum();
    BigInteger n = BigInteger.valueOf(count);
    if (count == 1) {
      return NearestDouble.quotient(values.significand(), values.exponent(), n);
    }
    ExactSum numerator = varianceNumerator();
    double fast = FastReadout.meanPlusDeviation(values, numerator, count, sign);
    return Double.isNaN(fast) ? NearestDouble.quotientPlusRoot(values.significand(), values.exponent(), n, sign,
        numerator.significand(), numerator.exponent(), varianceDenominator()) : fast;
  }

  /** {@code n * Q - S^2}: exact, and never negative for real values. */
  private ExactSum varianceNumerator() {
    ExactSum values = exactSum();
    ExactSum squares = exactSumOfSquares();
    ExactSum numerator = new ExactSum();
    numerator.add(squares.significand().multiply(BigInteger.valueOf(count)), squares.exponent());
    numerator.add(values.significand().multiply(values.significand()).negate(), 2 * values.exponent());
    return numerator;
  }

  private BigInteger varianceDenominator() {
    return BigInteger.valueOf(count).multiply(BigInteger.valueOf(count - 1));
  }

  /** The exact sum of the values. */
  ExactSum exactSum() {
    return sum.toExactSum();
  }

  /** The exact sum of the squares of the values. */
  ExactSum exactSumOfSquares() {
    return sumOfSquares.toExactSum();
  }

  private void requireValues(String statistic) {
    if (count == 0) {
      throw new IllegalStateException("Cannot compute the " + statistic + ": the bin holds no values");
    }
  }
}
