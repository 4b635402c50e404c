package io.scouter.archive.api.metrics;

import java.math.BigInteger;

/**
 * The double nearest to an exact binary quantity (ties to even), rounded once: a quotient of
 * integers scaled by a power of two, the square root of one, and a quotient plus or minus a square
 * root (a bin's mean, deviation and bounds).
 *
 * <p>Hand-written because the JDK has no correctly rounded conversion of a rational to double. The
 * earlier path, a {@code BigDecimal} quotient to 34 digits and then {@code doubleValue()}, rounds
 * twice: the mean of two doubles is often exactly halfway between two doubles, the 34-digit step
 * rounds that tie up, and the answer came out one ulp above the nearest double (e.g. the mean of
 * 481.7071962016219 and 38.0). It was also the slowest step of a query (a decimal string per bin).
 *
 * <p>Every method reduces its value to an integer {@code q} of at least {@value #WORKING_BITS}
 * significant bits times a power of two, plus whether anything was left below {@code q} (the
 * sticky bit), and rounds that: the bits below the 53 kept and the sticky bit decide the rounding.
 */
final class NearestDouble {
  /** 53 significant bits, a rounding bit, and one more so that the sticky bit stands apart. */
  private static final int WORKING_BITS = 55;
  private static final int MIN_EXPONENT = -1074;
  /**
   * Extra bits of a square root added to a quotient on the first try: almost always enough for
   * the bracket to hold no rounding boundary; when it holds one, the root is refined.
   */
  private static final int ROOT_GUARD_BITS = 16;
  private static final int MAX_REFINEMENTS = 16;

  private NearestDouble() {}

  /** The double nearest to {@code numerator * 2^exponent / divisor}; {@code divisor > 0}. */
  static double quotient(BigInteger numerator, int exponent, BigInteger divisor) {
    return quotient(numerator, exponent, divisor, false);
  }

  /** The double nearest to {@code sqrt(numerator * 2^exponent / divisor)}; {@code numerator >= 0}, {@code divisor > 0}. */
  static double squareRoot(BigInteger numerator, int exponent, BigInteger divisor) {
    requirePositive(divisor);
    if (numerator.signum() < 0) {
      throw new IllegalArgumentException("Cannot take the square root of a negative value");
    }
    if (numerator.signum() == 0) {
      return 0.0;
    }
    Root root = Root.of(numerator, exponent, divisor, WORKING_BITS);
    return round(root.floor, root.inexact, -root.scale, false);
  }

  /**
   * The double nearest to {@code s * 2^e / n + sign * sqrt(v * 2^ve / d)}: a mean plus or minus a
   * deviation, rounded once. Exact when the root is; otherwise the root is refined until the
   * bracket around the sum no longer holds a rounding boundary.
   */
  static double quotientPlusRoot(BigInteger s, int e, BigInteger n, int sign, BigInteger v, int ve, BigInteger d) {
    requirePositive(n);
    if (v.signum() == 0) {
      return quotient(s, e, n);
    }
    int rootBits = WORKING_BITS + ROOT_GUARD_BITS;
    for (int refinement = 0; ; refinement++) {
      Root root = Root.of(v, ve, d, rootBits);
      // Both terms over n at the scale 2^-k, with k at least the root's scale and at least -e.
      int k = Math.max(root.scale, -e);
      BigInteger mean = s.shiftLeft(e + k);
      BigInteger deviation = root.floor.shiftLeft(k - root.scale).multiply(n);
      BigInteger low = sign > 0 ? mean.add(deviation) : mean.subtract(deviation);
      if (!root.inexact) {
        return quotient(low, -k, n);
      }
      // The root lies in (floor, floor + 1) * 2^-scale, so the sum in an open bracket of that width.
      BigInteger width = n.shiftLeft(k - root.scale);
      BigInteger bottom = sign > 0 ? low : low.subtract(width);
      double fromBottom = quotient(bottom, -k, n, true);
      double fromTop = quotient(bottom.add(width).subtract(BigInteger.ONE), -k, n, true);
      if (fromBottom == fromTop || refinement == MAX_REFINEMENTS) {
        return fromBottom;
      }
      rootBits += 64;
    }
  }

  /** {@code inexact}: the value is a little above {@code numerator * 2^exponent / divisor}. */
  private static double quotient(BigInteger numerator, int exponent, BigInteger divisor, boolean inexact) {
    requirePositive(divisor);
    if (numerator.signum() == 0 && !inexact) {
      return 0.0;
    }
    boolean negative = numerator.signum() < 0;
    BigInteger magnitude = numerator.abs();
    // Shift so that the integer quotient has at least WORKING_BITS bits.
    int shift = Math.max(0, WORKING_BITS + 1 + divisor.bitLength() - magnitude.bitLength());
    BigInteger[] quotientAndRemainder = magnitude.shiftLeft(shift).divideAndRemainder(divisor);
    boolean sticky = inexact || quotientAndRemainder[1].signum() != 0;
    if (negative && inexact) {
      // -(m + tiny) for a value a little above a negative -m: the magnitude is a little below m.
      return -roundBelow(quotientAndRemainder[0], quotientAndRemainder[1].signum() != 0, exponent - shift);
    }
    return round(quotientAndRemainder[0], sticky, exponent - shift, negative);
  }

  /** The nearest double to a magnitude a little below {@code (q + f) * 2^exponent}, f in [0, 1) (f > 0 iff {@code fraction}). */
  private static double roundBelow(BigInteger q, boolean fraction, int exponent) {
    // (q + f) - tiny: with f > 0 it is still above q, so q with the sticky bit; with f = 0 it is just below q.
    if (fraction) {
      return round(q, true, exponent, false);
    }
    return round(q.subtract(BigInteger.ONE), true, exponent, false);
  }

  /**
   * The nearest double to {@code (q + f) * 2^exponent}, where {@code f} in [0, 1) is positive iff
   * {@code sticky}; {@code q} has at least WORKING_BITS bits whenever {@code sticky}.
   */
  private static double round(BigInteger q, boolean sticky, int exponent, boolean negative) {
    int length = q.bitLength();
    // Keep 53 bits, or fewer where the result is subnormal (nothing below 2^-1074).
    int drop = Math.max(length - 53, MIN_EXPONENT - exponent);
    long kept;
    if (drop <= 0) {
      kept = q.longValueExact();
      drop = 0;
    } else {
      kept = q.shiftRight(drop).longValue();
      boolean roundBit = q.testBit(drop - 1);
      boolean below = sticky || q.getLowestSetBit() < drop - 1;
      if (roundBit && (below || (kept & 1) == 1)) {
        kept++;
      }
    }
    double magnitude = Math.scalb((double) kept, exponent + drop);
    return negative ? -magnitude : magnitude;
  }

  private static void requirePositive(BigInteger divisor) {
    if (divisor.signum() <= 0) {
      throw new IllegalArgumentException("Invalid divisor: " + divisor + " (must be positive)");
    }
  }

  /** {@code floor(sqrt(x) * 2^scale)} for {@code x = numerator * 2^exponent / divisor}, and whether that was exact. */
  private record Root(BigInteger floor, int scale, boolean inexact) {
    static Root of(BigInteger numerator, int exponent, BigInteger divisor, int bits) {
      // x * 2^(2 * scale) as an integer of at least 2 * bits + 1 bits, so its root has bits bits.
      int twiceScale = 2 * bits + divisor.bitLength() - numerator.bitLength() + 2 - exponent;
      twiceScale += twiceScale & 1; // even, so that the scale is whole
      int shift = twiceScale + exponent;
      BigInteger[] divided = shift >= 0
          ? numerator.shiftLeft(shift).divideAndRemainder(divisor)
          : numerator.divideAndRemainder(divisor.shiftLeft(-shift));
      BigInteger[] root = divided[0].sqrtAndRemainder();
      return new Root(root[0], twiceScale / 2, divided[1].signum() != 0 || root[1].signum() != 0);
    }
  }
}
