package io.scouter.archive.api.metrics;

/**
 * Count, sum and sum of squares of the values of one time bin, held exactly so that the answer
 * cannot depend on where a bin was split between PostgreSQL and Iceberg.
 *
 * <p>Why exact rather than Welford/Chan or compensated sums: any floating-point merge rounds
 * differently for every grouping of the same rows, and sum-of-squares variance cancels
 * catastrophically when the spread is small against the mean. Exact binary sums make merging
 * associative and commutative bit for bit, and the variance numerator {@code n*Q - S^2} exact and
 * never negative; only the final mean, standard deviation and bounds are rounded, once, to the
 * nearest double ({@link MomentsReadout}), so they are identical for every grouping.
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
    return readout("mean").mean();
  }

  /** The sample standard deviation (n - 1 in the denominator), 0 for a single value. */
  public double sampleStandardDeviation() {
    return readout("standard deviation").sampleStandardDeviation();
  }

  /** The mean minus the sample standard deviation, from the exact values and rounded once. */
  public double meanMinusDeviation() {
    return readout("mean and standard deviation").meanPlusDeviation(-1);
  }

  /** The mean plus the sample standard deviation, from the exact values and rounded once. */
  public double meanPlusDeviation() {
    return readout("mean and standard deviation").meanPlusDeviation(1);
  }

  /** The exact sums as they are now, for reading several figures of the bin at the cost of one. */
  MomentsReadout readout(String statistic) {
    requireValues(statistic);
    return new MomentsReadout(count, exactSum(), exactSumOfSquares());
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
