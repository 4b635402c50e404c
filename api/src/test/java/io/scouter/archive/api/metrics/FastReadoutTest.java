package io.scouter.archive.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast readouts answer almost every bin, and wherever they answer, they give the exact path's
 * double; near a midpoint between two doubles they decline. The double-double operations stay
 * within the error bounds the readouts rely on.
 */
class FastReadoutTest {
  private static final MathContext PRECISE = new MathContext(80);
  private static final int BINS = 20_000;

  @Test
  void whereverTheFastReadoutAnswersItGivesTheExactAnswer() {
    Random random = new Random(20261204);
    int readouts = 0;
    int answered = 0;
    for (int bin = 0; bin < BINS; bin++) {
      List<Double> values = NearestDoubleTest.randomBin(random);
      MomentsAccumulator moments = new MomentsAccumulator();
      values.forEach(moments::add);
      long n = values.size();
      ExactSum sum = moments.exactSum();
      ExactSum numerator = varianceNumerator(moments);
      String context = "bin " + bin + " " + values;
      double mean = FastReadout.mean(sum, n);
      readouts++;
      if (!Double.isNaN(mean)) {
        answered++;
        assertThat(mean).as("mean of %s", context)
            .isEqualTo(NearestDouble.quotient(sum.significand(), sum.exponent(), BigInteger.valueOf(n)));
      }
      if (n < 2 || numerator.significand().signum() == 0) {
        continue;
      }
      BigInteger denominator = BigInteger.valueOf(n * (n - 1));
      double deviation = FastReadout.deviation(numerator, n);
      readouts++;
      if (!Double.isNaN(deviation)) {
        answered++;
        assertThat(deviation).as("deviation of %s", context)
            .isEqualTo(NearestDouble.squareRoot(numerator.significand(), numerator.exponent(), denominator));
      }
      for (int sign : new int[] {-1, 1}) {
        double bound = FastReadout.meanPlusDeviation(sum, numerator, n, sign);
        readouts++;
        if (!Double.isNaN(bound)) {
          answered++;
          assertThat(bound).as("mean %+d deviations of %s", sign, context).isEqualTo(
              NearestDouble.quotientPlusRoot(sum.significand(), sum.exponent(), BigInteger.valueOf(n), sign,
                  numerator.significand(), numerator.exponent(), denominator));
        }
      }
    }
    // Declined: exact ties (two-value means, dyadic data) and the subnormal and 1e300 bins out of range.
    assertThat((double) answered / readouts).as("%d of %d readouts answered fast", answered, readouts)
        .isGreaterThan(0.6);
  }

  @Test
  void typicalMetricBinsAreAnsweredFastSaveForExactTies() {
    Random random = new Random(11);
    int exactMeans = 0;
    for (int bin = 0; bin < 2_000; bin++) {
      MomentsAccumulator moments = new MomentsAccumulator();
      for (int i = 0; i < 60; i++) {
        moments.add(100 + 15 * random.nextGaussian());
      }
      ExactSum sum = moments.exactSum();
      ExactSum numerator = varianceNumerator(moments);
      // A sum divisible by 15 makes the mean a short binary fraction: an exact tie now and then.
      exactMeans += Double.isNaN(FastReadout.mean(sum, 60)) ? 1 : 0;
      assertThat(FastReadout.deviation(numerator, 60)).as("deviation of bin %d", bin).isNotNaN();
      assertThat(FastReadout.meanPlusDeviation(sum, numerator, 60, -1)).as("lower bound of bin %d", bin).isNotNaN();
      assertThat(FastReadout.meanPlusDeviation(sum, numerator, 60, 1)).as("upper bound of bin %d", bin).isNotNaN();
    }
    assertThat(exactMeans).as("means left to the exact path").isLessThan(2_000 / 15);
  }

  @Test
  void anExactTieIsLeftToTheExactPath() {
    MomentsAccumulator moments = new MomentsAccumulator();
    moments.add(481.7071962016219);
    moments.add(38.0);
    assertThat(FastReadout.mean(moments.exactSum(), 2)).isNaN();
    assertThat(moments.mean()).isEqualTo(259.8535981008109);
  }

  @Test
  void aValueWithinTheErrorBoundOfAMidpointIsDeclinedAndOneOutsideItAnswered() {
    // 1 + 2^-53 is the midpoint between 1 and the double above it.
    ExactSum hairAbove = sum(BigInteger.ONE.shiftLeft(53).add(BigInteger.ONE).shiftLeft(42).add(BigInteger.ONE), -95);
    assertThat(FastReadout.mean(hairAbove, 1)).isNaN();
    ExactSum clearlyAbove = sum(BigInteger.ONE.shiftLeft(53).add(BigInteger.ONE).shiftLeft(27).add(BigInteger.ONE), -80);
    assertThat(FastReadout.mean(clearlyAbove, 1)).isEqualTo(Math.nextUp(1.0));
  }

  @Test
  void nearestWithinAnswersOnlyWhenTheWholeIntervalRoundsAlike() {
    // The midpoint above 1.5 is 1.5 + 2^-53.
    DoubleDouble belowMidpoint = new DoubleDouble(1.5, 0x1p-53 - 0x1p-80);
    assertThat(belowMidpoint.nearestWithin(0x1p-85)).isEqualTo(1.5);
    assertThat(belowMidpoint.nearestWithin(0x1p-79)).isNaN();
    assertThat(belowMidpoint.negate().nearestWithin(0x1p-85)).isEqualTo(-1.5);
    assertThat(new DoubleDouble(1.5, -0x1p-53 + 0x1p-80).nearestWithin(0x1p-85)).isEqualTo(1.5);
    // Below a power of two the gap is half as wide as above it.
    assertThat(new DoubleDouble(2.0, 0x1p-52 - 0x1p-80).nearestWithin(0x1p-85)).isEqualTo(2.0);
    assertThat(new DoubleDouble(2.0, -0x1p-53 + 0x1p-80).nearestWithin(0x1p-85)).isEqualTo(2.0);
    assertThat(new DoubleDouble(2.0, -0x1p-53 - 0x1p-80).nearestWithin(0x1p-85)).isNaN();
    assertThat(new DoubleDouble(-2.0, 0x1p-53 + 0x1p-80).nearestWithin(0x1p-85)).isNaN();
  }

  @Test
  void eachOperationStaysWithinItsStatedBound() {
    Random random = new Random(7);
    for (int i = 0; i < 10_000; i++) {
      BigInteger significand = new BigInteger(60 + random.nextInt(400), random).add(BigInteger.ONE);
      int exponent = -random.nextInt(400);
      BigDecimal exact = exact(significand, exponent);
      DoubleDouble value = DoubleDouble.of(significand, exponent);
      assertWithin(value, exact, -103, "of " + significand + " * 2^" + exponent);

      double divisor = 1 + random.nextInt(1 << 26);
      assertWithin(value.divide(divisor), exact(value).divide(new BigDecimal(divisor), PRECISE), -103,
          "divide by " + divisor);
      assertWithin(value.sqrt(), exact(value).sqrt(PRECISE), -102, "sqrt");

      DoubleDouble other = DoubleDouble.of(new BigInteger(100, random).add(BigInteger.ONE), exponent)
          .negate();
      BigDecimal sum = exact(value).add(exact(other));
      BigDecimal error = exact(value.add(other)).subtract(sum).abs();
      BigDecimal allowed = exact(value).abs().add(exact(other).abs()).multiply(power(-103));
      assertThat(error).as("add, %s", significand).isLessThanOrEqualTo(allowed);
    }
  }

  private static void assertWithin(DoubleDouble actual, BigDecimal expected, int log2Bound, String what) {
    BigDecimal error = exact(actual).subtract(expected).abs();
    assertThat(error).as(what).isLessThanOrEqualTo(expected.abs().multiply(power(log2Bound)));
  }

  private static BigDecimal power(int log2) {
    return new BigDecimal(Math.scalb(1.0, log2));
  }

  private static BigDecimal exact(DoubleDouble value) {
    return new BigDecimal(value.hi()).add(new BigDecimal(value.lo()));
  }

  private static BigDecimal exact(BigInteger significand, int exponent) {
    return new BigDecimal(significand).multiply(new BigDecimal(Math.scalb(1.0, exponent)));
  }

  private static ExactSum sum(BigInteger significand, int exponent) {
    ExactSum sum = new ExactSum();
    sum.add(significand, exponent);
    return sum;
  }

  private static ExactSum varianceNumerator(MomentsAccumulator moments) {
    return moments.readout("test").varianceNumerator();
  }
}
