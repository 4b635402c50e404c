package io.scouter.archive.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Each readout of a bin (mean, deviation, mean minus and plus the deviation) is the double nearest
 * to the exact value, ties to even: checked on random bins against exact rational arithmetic, by
 * comparing the exact value with the midpoints between the answer and its two neighbours (squared
 * where a root is involved), so that the check does not itself convert anything to double.
 */
class NearestDoubleTest {
  private static final int BINS = 4000;

  @Test
  void theMeanOfTwoValuesHalfwayBetweenTwoDoublesRoundsToEven() {
    MomentsAccumulator moments = new MomentsAccumulator();
    moments.add(481.7071962016219);
    moments.add(38.0);
    // Exactly halfway between 259.8535981008109 and the next double; the earlier 34-digit path gave the one above.
    assertThat(moments.mean()).isEqualTo(259.8535981008109);
  }

  @Test
  void everyReadoutIsTheNearestDoubleToTheExactValue() {
    Random random = new Random(20261204);
    for (int bin = 0; bin < BINS; bin++) {
      List<Double> values = randomBin(random);
      MomentsAccumulator moments = new MomentsAccumulator();
      values.forEach(moments::add);
      Ratio n = Ratio.of(BigInteger.valueOf(values.size()));
      Ratio sum = Ratio.ZERO;
      Ratio squares = Ratio.ZERO;
      for (double value : values) {
        sum = sum.add(Ratio.of(value));
        squares = squares.add(Ratio.of(value).multiply(Ratio.of(value)));
      }
      Ratio mean = sum.divide(n);
      Ratio variance = values.size() == 1 ? Ratio.ZERO
          : n.multiply(squares).subtract(sum.multiply(sum)).divide(n.multiply(n.subtract(Ratio.ONE)));
      String context = "bin " + bin + " " + values;
      assertThat(isNearest(moments.mean(), mean, Ratio.ZERO, 0)).as("mean of %s", context).isTrue();
      assertThat(isNearest(moments.sampleStandardDeviation(), Ratio.ZERO, variance, 1))
          .as("deviation of %s", context).isTrue();
      assertThat(isNearest(moments.meanMinusDeviation(), mean, variance, -1)).as("lower bound of %s", context).isTrue();
      assertThat(isNearest(moments.meanPlusDeviation(), mean, variance, 1)).as("upper bound of %s", context).isTrue();
    }
  }

  @Test
  void aRootAHairAboveAMidpointRoundsUpEvenWhereItsFirst183BitsLookLikeATie() {
    // v = (1 + 2^-53)^2 + 2^-400: its root is 2^-400-ish above the midpoint between 1 and 1 + 2^-52.
    BigInteger midpoint = BigInteger.ONE.shiftLeft(53).add(BigInteger.ONE);
    BigInteger v = midpoint.multiply(midpoint).shiftLeft(294).add(BigInteger.ONE);
    double up = Math.nextUp(1.0);
    assertThat(NearestDouble.squareRoot(v, -400, BigInteger.ONE)).isEqualTo(up);
    assertThat(NearestDouble.quotientPlusRoot(BigInteger.ZERO, 0, BigInteger.ONE, 1, v, -400, BigInteger.ONE))
        .isEqualTo(up);
    // And exactly on it: ties to even.
    assertThat(NearestDouble.squareRoot(midpoint.multiply(midpoint), -106, BigInteger.ONE)).isEqualTo(1.0);
    assertThat(NearestDouble.quotientPlusRoot(BigInteger.ZERO, 0, BigInteger.ONE, 1, midpoint.multiply(midpoint),
        -106, BigInteger.ONE)).isEqualTo(1.0);
    // 2 - (1 + 2^-53 + a hair) lies a hair below 1 - 2^-53, the double below 1: rounds to it.
    assertThat(NearestDouble.quotientPlusRoot(BigInteger.TWO, 0, BigInteger.ONE, -1, v, -400, BigInteger.ONE))
        .isEqualTo(Math.nextDown(1.0));
  }

  @Test
  void subnormalAndHugeQuotientsRoundOnce() {
    BigInteger three = BigInteger.valueOf(3);
    assertThat(NearestDouble.quotient(BigInteger.ONE, -1074, BigInteger.ONE)).isEqualTo(Double.MIN_VALUE);
    assertThat(NearestDouble.quotient(BigInteger.ONE, -1075, BigInteger.ONE)).isZero(); // a tie: to even, 0
    assertThat(NearestDouble.quotient(three, -1076, BigInteger.ONE)).isEqualTo(Double.MIN_VALUE); // 0.75 ulp
    assertThat(NearestDouble.quotient(BigInteger.valueOf(-7), 0, BigInteger.TWO)).isEqualTo(-3.5);
    assertThat(NearestDouble.quotient(BigInteger.ONE, 0, three)).isEqualTo(1.0 / 3.0);
    assertThat(NearestDouble.quotient(BigInteger.ONE, 1023, BigInteger.ONE)).isEqualTo(Math.scalb(1.0, 1023));
    assertThat(NearestDouble.squareRoot(BigInteger.TWO, 0, BigInteger.ONE)).isEqualTo(Math.sqrt(2));
    assertThat(NearestDouble.squareRoot(BigInteger.valueOf(9), -4, BigInteger.ONE)).isEqualTo(0.75);
  }

  static List<Double> randomBin(Random random) {
    int size = switch (random.nextInt(4)) {
      case 0 -> 1;
      case 1 -> 2;
      case 2 -> 2 + random.nextInt(8);
      default -> 10 + random.nextInt(300);
    };
    List<Double> values = new ArrayList<>(size);
    int kind = random.nextInt(7);
    double constant = random.nextGaussian() * 1000;
    for (int i = 0; i < size; i++) {
      values.add(switch (kind) {
        case 0 -> random.nextGaussian() * Math.pow(10, random.nextInt(60) - 30);
        case 1 -> 1e9 + random.nextGaussian() * 1e-3; // tiny spread against the mean
        case 2 -> (double) (random.nextInt(2001) - 1000);
        case 3 -> constant; // no spread at all
        case 4 -> Double.MIN_VALUE * (random.nextInt(1000) - 500); // subnormal
        case 5 -> random.nextGaussian() * 1e300;
        default -> random.nextInt(8) / 4.0 - 1; // few distinct dyadic values: exact means and roots
      });
    }
    return values;
  }

  /**
   * Whether {@code answer} is the double nearest to {@code mean + sign * sqrt(variance)} (the
   * root term is absent for {@code sign == 0}), ties to the even neighbour.
   */
  private static boolean isNearest(double answer, Ratio mean, Ratio variance, int sign) {
    if (!Double.isFinite(answer)) {
      return false;
    }
    Ratio here = Ratio.of(answer);
    Ratio below = here.add(Ratio.of(Math.nextDown(answer))).divide(Ratio.TWO);
    Ratio above = here.add(Ratio.of(Math.nextUp(answer))).divide(Ratio.TWO);
    int fromBelow = compare(mean, variance, sign, below);
    int fromAbove = compare(mean, variance, sign, above);
    boolean even = (Double.doubleToRawLongBits(answer) & 1) == 0;
    return fromBelow >= 0 && fromAbove <= 0 && (even || (fromBelow != 0 && fromAbove != 0));
  }

  /** The sign of {@code mean + sign * sqrt(variance) - point}, exactly. */
  private static int compare(Ratio mean, Ratio variance, int sign, Ratio point) {
    if (sign == 0) {
      return mean.compareTo(point);
    }
    // sign * sqrt(v) against t = point - mean.
    Ratio t = point.subtract(mean);
    int rootAgainstAbsT = t.signum() == 0 ? variance.signum() : variance.compareTo(t.multiply(t));
    if (sign > 0) {
      return t.signum() < 0 ? 1 : rootAgainstAbsT;
    }
    return t.signum() > 0 ? -1 : -rootAgainstAbsT;
  }

  /** An exact rational number. */
  private record Ratio(BigInteger numerator, BigInteger denominator) {
    static final Ratio ZERO = of(BigInteger.ZERO);
    static final Ratio ONE = of(BigInteger.ONE);
    static final Ratio TWO = of(BigInteger.TWO);

    static Ratio of(BigInteger value) {
      return new Ratio(value, BigInteger.ONE);
    }

    static Ratio of(double value) {
      BigDecimal exact = new BigDecimal(value);
      return exact.scale() <= 0 ? of(exact.toBigIntegerExact())
          : new Ratio(exact.unscaledValue(), BigInteger.TEN.pow(exact.scale()));
    }

    Ratio add(Ratio other) {
      return new Ratio(numerator.multiply(other.denominator).add(other.numerator.multiply(denominator)),
          denominator.multiply(other.denominator)).reduced();
    }

    Ratio subtract(Ratio other) {
      return add(new Ratio(other.numerator.negate(), other.denominator));
    }

    Ratio multiply(Ratio other) {
      return new Ratio(numerator.multiply(other.numerator), denominator.multiply(other.denominator)).reduced();
    }

    Ratio divide(Ratio other) {
      BigInteger sign = BigInteger.valueOf(other.numerator.signum());
      return new Ratio(numerator.multiply(other.denominator).multiply(sign),
          denominator.multiply(other.numerator.abs())).reduced();
    }

    int signum() {
      return numerator.signum();
    }

    int compareTo(Ratio other) {
      return numerator.multiply(other.denominator).compareTo(other.numerator.multiply(denominator));
    }

    private Ratio reduced() {
      BigInteger gcd = numerator.gcd(denominator);
      return gcd.signum() == 0 || gcd.equals(BigInteger.ONE) ? this
          : new Ratio(numerator.divide(gcd), denominator.divide(gcd));
    }
  }
}
