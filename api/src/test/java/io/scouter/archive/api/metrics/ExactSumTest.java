package io.scouter.archive.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExactSumTest {
  @ParameterizedTest
  @ValueSource(doubles = {0.0, -0.0, 1.0, -1.0, 0.1, 0.5, 3.0, 1e300, -1e-300, Double.MIN_VALUE, -Double.MIN_VALUE,
      Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE, 1e6 + 1e-3})
  void significandAndExponentRebuildTheDoubleExactly(double value) {
    long significand = ExactSum.significandOf(value);
    int exponent = ExactSum.exponentOf(value);

    assertThat(Math.abs(significand)).isLessThan(1L << 53);
    assertThat(exact(significand, exponent)).isEqualByComparingTo(new BigDecimal(value));
  }

  @Test
  void randomDoublesOfEveryMagnitudeRebuildExactly() {
    SplittableRandom random = new SplittableRandom(7);
    for (int iteration = 0; iteration < 100_000; iteration++) {
      double value = Double.longBitsToDouble(random.nextLong());
      if (Double.isFinite(value)) {
        assertThat(exact(ExactSum.significandOf(value), ExactSum.exponentOf(value)))
            .isEqualByComparingTo(new BigDecimal(value));
      }
    }
  }

  @Test
  void sumsAreExactWhereDoublesRound() {
    ExactSum sum = new ExactSum();
    for (double value : new double[] {0.1, 0.2, 1e20, -1e20, Double.MIN_VALUE}) {
      sum.add(BigInteger.valueOf(ExactSum.significandOf(value)), ExactSum.exponentOf(value));
    }

    assertThat(sum.toBigDecimal()).isEqualByComparingTo(
        new BigDecimal(0.1).add(new BigDecimal(0.2)).add(new BigDecimal(Double.MIN_VALUE)));
  }

  @Test
  void cancellingToZeroAndStartingAgainKeepsTheValue() {
    ExactSum sum = new ExactSum();
    sum.add(BigInteger.ONE, -10);
    sum.add(BigInteger.ONE.negate(), -10);
    assertThat(sum.toBigDecimal()).isEqualByComparingTo(BigDecimal.ZERO);

    sum.add(BigInteger.valueOf(3), 4);
    assertThat(sum.toBigDecimal()).isEqualByComparingTo(BigDecimal.valueOf(48));
  }

  private static BigDecimal exact(long significand, int exponent) {
    ExactSum sum = new ExactSum();
    sum.add(BigInteger.valueOf(significand), exponent);
    return sum.toBigDecimal();
  }
}
