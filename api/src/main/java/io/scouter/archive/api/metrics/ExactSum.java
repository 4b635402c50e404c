package io.scouter.archive.api.metrics;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * An exact sum of binary fractions: the value is {@code significand * 2^exponent}. Every finite
 * double is such a fraction, so sums of doubles (and of their squares) are held with no rounding at
 * all, and adding in any order or grouping gives the very same value.
 *
 * <p>The exponent is the smallest one added so far; the significand's length is the spread of the
 * exponents plus the significand bits plus log2 of the count: about a hundred bits for real data,
 * and bounded (some 4,400 bits for squares spanning the whole double range) whatever the input.
 * Bins accumulate in a {@link ChunkedExactSum}, which is cheaper per value; this is the form they
 * are answered from. Not thread-safe.
 */
final class ExactSum {
  private static final int SIGNIFICAND_BITS = 52;
  private static final int EXPONENT_BIAS_AND_SHIFT = 1075;
  private static final int SUBNORMAL_EXPONENT = -1074;
  private static final BigInteger FIVE = BigInteger.valueOf(5);

  private BigInteger significand = BigInteger.ZERO;
  private int exponent;

  /** Adds {@code significand * 2^exponent}. */
  void add(BigInteger addend, int addendExponent) {
    if (addend.signum() == 0) {
      return;
    }
    if (significand.signum() == 0) {
      significand = addend;
      exponent = addendExponent;
    } else if (addendExponent >= exponent) {
      significand = significand.add(addend.shiftLeft(addendExponent - exponent));
    } else {
      significand = significand.shiftLeft(exponent - addendExponent).add(addend);
      exponent = addendExponent;
    }
  }

  BigInteger significand() {
    return significand;
  }

  int exponent() {
    return exponent;
  }

  /** The exact value as a decimal (every binary fraction has a finite decimal expansion). */
  BigDecimal toBigDecimal() {
    if (exponent >= 0 || significand.signum() == 0) {
      return new BigDecimal(significand.shiftLeft(Math.max(exponent, 0)));
    }
    // n * 2^-k = n * 5^k / 10^k
    return new BigDecimal(significand.multiply(FIVE.pow(-exponent)), -exponent);
  }

  /** The integer significand of a finite double, {@code value = significand * 2^exponent(value)}. */
  static long significandOf(double value) {
    long bits = Double.doubleToRawLongBits(value);
    long fraction = bits & ((1L << SIGNIFICAND_BITS) - 1);
    long magnitude = biasedExponent(bits) == 0 ? fraction : fraction | (1L << SIGNIFICAND_BITS);
    return bits < 0 ? -magnitude : magnitude;
  }

  /** The binary exponent that goes with {@link #significandOf(double)}. */
  static int exponentOf(double value) {
    int biased = biasedExponent(Double.doubleToRawLongBits(value));
    return biased == 0 ? SUBNORMAL_EXPONENT : biased - EXPONENT_BIAS_AND_SHIFT;
  }

  private static int biasedExponent(long bits) {
    return (int) ((bits >>> SIGNIFICAND_BITS) & 0x7FF);
  }
}
