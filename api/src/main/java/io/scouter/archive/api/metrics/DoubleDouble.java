package io.scouter.archive.api.metrics;

import java.math.BigInteger;

/**
 * An unevaluated sum {@code hi + lo} of two doubles: about 106 significant bits, for a bin's
 * readouts computed fast before anything is computed exactly ({@link FastReadout}).
 *
 * <p>Each operation states a bound on its relative error; all are below 2^-100, a thousand times
 * tighter than the 2^-90 that {@link FastReadout} allows for. Magnitudes are kept within
 * [2^-900, 2^900] ({@link #inRange()}), where no part underflows or overflows, so the bounds hold.
 *
 * <p>Hand-written because neither the JDK nor our dependencies offer double-double arithmetic;
 * the algorithms are the textbook error-free transformations (Dekker, Knuth, and a fused
 * multiply-add for the exact remainders).
 */
record DoubleDouble(double hi, double lo) {
  static final DoubleDouble ZERO = new DoubleDouble(0.0, 0.0);
  private static final double MIN_MAGNITUDE = 0x1p-900;
  private static final double MAX_MAGNITUDE = 0x1p900;
  /** Bits kept of an exact value: two doubles' worth of 52 bits each, so both parts are exact. */
  private static final int KEPT_BITS = 104;
  private static final int HALF_BITS = 52;
  private static final long HALF_MASK = (1L << HALF_BITS) - 1;

  /**
   * {@code significand * 2^exponent} to within a relative 2^-103 (its top 104 bits, the rest cut
   * off), or {@code null} when it is zero or its magnitude lies outside [2^-900, 2^900].
   */
  static DoubleDouble of(BigInteger significand, int exponent) {
    if (significand.signum() == 0) {
      return null;
    }
    BigInteger magnitude = significand.abs();
    int length = magnitude.bitLength();
    long top = (long) length + exponent; // the value lies in [2^(top-1), 2^top)
    if (top < -899 || top > 900) {
      return null;
    }
    int dropped = Math.max(0, length - KEPT_BITS);
    BigInteger kept = dropped == 0 ? magnitude : magnitude.shiftRight(dropped);
    int scale = exponent + dropped;
    long upper = kept.shiftRight(HALF_BITS).longValue();
    long lower = kept.longValue() & HALF_MASK;
    // Both halves have at most 52 bits, so converting and scaling them is exact.
    DoubleDouble value = twoSum(Math.scalb((double) upper, scale + HALF_BITS), Math.scalb((double) lower, scale));
    return significand.signum() < 0 ? value.negate() : value;
  }

  /** {@code this / divisor} for an exact positive double divisor; relative error below 2^-103. */
  DoubleDouble divide(double divisor) {
    double q1 = hi / divisor;
    // hi - q1 * divisor is a double, computed exactly by the fused multiply-add.
    double remainder = Math.fma(-q1, divisor, hi) + lo;
    double q2 = remainder / divisor;
    return twoSum(q1, q2);
  }

  /** The square root of a positive value; relative error below 2^-102. */
  DoubleDouble sqrt() {
    double s1 = Math.sqrt(hi);
    // hi - s1^2 is a double for a correctly rounded root, computed exactly by the fused multiply-add.
    double remainder = Math.fma(-s1, s1, hi) + lo;
    double s2 = remainder / (2 * s1);
    return twoSum(s1, s2);
  }

  /** {@code this + other}; absolute error below 2^-103 * (|this| + |other|). */
  DoubleDouble add(DoubleDouble other) {
    DoubleDouble sum = twoSum(hi, other.hi);
    return twoSum(sum.hi, sum.lo + (lo + other.lo));
  }

  DoubleDouble negate() {
    return new DoubleDouble(-hi, -lo);
  }

  /** {@code |hi|}, a magnitude good to a relative 2^-52. */
  double magnitude() {
    return Math.abs(hi);
  }

  boolean inRange() {
    double magnitude = Math.abs(hi);
    return magnitude >= MIN_MAGNITUDE && magnitude <= MAX_MAGNITUDE;
  }

  /**
   * The double nearest to every value within {@code error} of this one, or NaN when they do not
   * all round to the same double (near a midpoint between two doubles, or out of range).
   */
  double nearestWithin(double error) {
    if (!inRange()) {
      return Double.NaN;
    }
    double magnitude = Math.abs(hi);
    double outward = hi > 0 ? lo : -lo; // lo as seen from zero: positive means further out
    // Half the gaps to hi's neighbours; below a power of two the inner gap is half the outer one.
    double halfGapOut = Math.ulp(magnitude) / 2;
    double halfGapIn = Math.ulp(Math.nextDown(magnitude)) / 2;
    // Twice the error: more than covers the rounding of these very sums, ~2^-53 of a half gap.
    return outward + 2 * error < halfGapOut && -outward + 2 * error < halfGapIn ? hi : Double.NaN;
  }

  /** Knuth's two-sum: {@code a + b} exactly, as the rounded sum and its rounding error. */
  private static DoubleDouble twoSum(double a, double b) {
    double sum = a + b;
    double bPart = sum - a;
    double aPart = sum - bPart;
    return new DoubleDouble(sum, (a - aPart) + (b - bPart));
  }
}
