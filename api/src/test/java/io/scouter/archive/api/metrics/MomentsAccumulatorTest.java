package io.scouter.archive.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MomentsAccumulatorTest {
  private static final MathContext REFERENCE = new MathContext(60);
  private static final double RELATIVE_TOLERANCE = 1e-12;

  @Test
  void meanAndSampleStandardDeviationOfASmallExample() {
    MomentsAccumulator moments = of(1, 2, 3, 4);

    // mean 10 / 4 = 2.5; squared deviations 2.25 + 0.25 + 0.25 + 2.25 = 5; sd = sqrt(5 / 3)
    assertThat(moments.count()).isEqualTo(4);
    assertThat(moments.mean()).isEqualTo(2.5);
    assertThat(moments.sampleStandardDeviation()).isEqualTo(Math.sqrt(5.0 / 3.0));
  }

  @Test
  void aSingleValueHasStandardDeviationZero() {
    MomentsAccumulator moments = of(0.7);

    assertThat(moments.mean()).isEqualTo(0.7);
    assertThat(moments.sampleStandardDeviation()).isZero();
  }

  @Test
  void equalValuesHaveStandardDeviationExactlyZero() {
    assertThat(of(0.1, 0.1, 0.1).sampleStandardDeviation()).isZero();
    assertThat(of(0.1, 0.1, 0.1).mean()).isEqualTo(0.1);
  }

  @Test
  void smallSpreadOnALargeMeanDoesNotCancel() {
    // Naive float8 sum-of-squares variance of these gives 0 or garbage; exact sums give sd = 1.
    MomentsAccumulator moments = of(1e9 + 1, 1e9 + 2, 1e9 + 3);

    assertThat(moments.mean()).isEqualTo(1e9 + 2);
    assertThat(moments.sampleStandardDeviation()).isEqualTo(1.0);
  }

  @Test
  void extremeValuesNeitherOverflowNorUnderflow() {
    assertThat(of(Double.MAX_VALUE, Double.MAX_VALUE).mean()).isEqualTo(Double.MAX_VALUE);
    assertThat(of(Double.MIN_VALUE, Double.MIN_VALUE, Double.MIN_VALUE).mean()).isEqualTo(Double.MIN_VALUE);
    assertThat(of(-0.0, 0.0).mean()).isZero();
    assertThat(of(1e300, -1e300, 1e-300).mean()).isEqualTo(1e-300 / 3);
  }

  @Test
  void randomDataMatchesATwoPassBigDecimalReference() {
    SplittableRandom random = new SplittableRandom(20250401);
    for (int iteration = 0; iteration < 500; iteration++) {
      List<Double> values = randomValues(random, 1 + random.nextInt(200));
      MomentsAccumulator moments = of(values);

      assertClose(moments.mean(), referenceMean(values));
      assertClose(moments.sampleStandardDeviation(), referenceStandardDeviation(values));
    }
  }

  @Test
  void anyPartitionMergedInAnyOrderGivesBitIdenticalResults() {
    SplittableRandom random = new SplittableRandom(42);
    for (int iteration = 0; iteration < 1_000; iteration++) {
      List<Double> values = randomValues(random, 2 + random.nextInt(300));
      MomentsAccumulator allAtOnce = of(values);
      MomentsAccumulator regrouped = mergeRandomPartition(values, random);

      assertThat(regrouped.count()).isEqualTo(values.size());
      assertThat(regrouped.mean()).isEqualTo(allAtOnce.mean());
      assertThat(regrouped.sampleStandardDeviation()).isEqualTo(allAtOnce.sampleStandardDeviation());
      assertClose(regrouped.mean(), referenceMean(values));
      assertClose(regrouped.sampleStandardDeviation(), referenceStandardDeviation(values));
    }
  }

  @Test
  void mergeLeavesTheOtherPartialUnchanged() {
    MomentsAccumulator target = of(1, 2);
    MomentsAccumulator other = of(10);

    target.merge(other);

    assertThat(target.mean()).isEqualTo(13.0 / 3);
    assertThat(other.count()).isEqualTo(1);
    assertThat(other.mean()).isEqualTo(10);
  }

  @Test
  void nonFiniteValuesAreRejected() {
    MomentsAccumulator moments = new MomentsAccumulator();

    assertThatThrownBy(() -> moments.add(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("Invalid value: NaN (must be finite)");
    assertThatThrownBy(() -> moments.add(Double.NEGATIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("Invalid value: -Infinity (must be finite)");
    assertThat(moments.count()).isZero();
  }

  @Test
  void statisticsOfNoValuesAreRefused() {
    assertThatThrownBy(() -> new MomentsAccumulator().mean())
        .isInstanceOf(IllegalStateException.class).hasMessage("Cannot compute the mean: the bin holds no values");
    assertThatThrownBy(() -> new MomentsAccumulator().sampleStandardDeviation())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Cannot compute the standard deviation: the bin holds no values");
  }

  static MomentsAccumulator of(double... values) {
    MomentsAccumulator moments = new MomentsAccumulator();
    for (double value : values) {
      moments.add(value);
    }
    return moments;
  }

  static MomentsAccumulator of(List<Double> values) {
    MomentsAccumulator moments = new MomentsAccumulator();
    values.forEach(moments::add);
    return moments;
  }

  /** Values of mixed magnitude and sign, some with a tiny spread on a large mean, some subnormal. */
  static List<Double> randomValues(SplittableRandom random, int count) {
    int shape = random.nextInt(4);
    double offset = shape == 1 ? Math.scalb(1.0, random.nextInt(10, 40)) : 0;
    List<Double> values = new ArrayList<>(count);
    for (int index = 0; index < count; index++) {
      values.add(switch (shape) {
        case 0 -> random.nextGaussian() * Math.pow(10, random.nextInt(-20, 20));
        case 1 -> offset + random.nextGaussian();
        case 2 -> random.nextInt(10) == 0 ? Double.MIN_VALUE * random.nextInt(1, 1000) : random.nextDouble() - 0.5;
        default -> random.nextDouble() * 100;
      });
    }
    return values;
  }

  /** Shuffles, cuts into random pieces fed row by row, then merges them as a random tree. */
  private static MomentsAccumulator mergeRandomPartition(List<Double> values, SplittableRandom random) {
    List<Double> shuffled = new ArrayList<>(values);
    Collections.shuffle(shuffled, new Random(random.nextLong()));
    List<MomentsAccumulator> pieces = new ArrayList<>();
    int start = 0;
    while (start < shuffled.size()) {
      int end = Math.min(shuffled.size(), start + 1 + random.nextInt(Math.max(1, shuffled.size() / 3)));
      List<Double> piece = shuffled.subList(start, end);
      pieces.add(of(piece));
      start = end;
    }
    while (pieces.size() > 1) {
      MomentsAccumulator left = pieces.remove(random.nextInt(pieces.size()));
      MomentsAccumulator right = pieces.remove(random.nextInt(pieces.size()));
      left.merge(right);
      pieces.add(left);
    }
    return pieces.get(0);
  }

  static BigDecimal referenceMean(List<Double> values) {
    BigDecimal sum = BigDecimal.ZERO;
    for (double value : values) {
      sum = sum.add(new BigDecimal(value));
    }
    return sum.divide(BigDecimal.valueOf(values.size()), REFERENCE);
  }

  /** Two-pass definition, independent of the sum-of-squares identity used by the code under test. */
  static BigDecimal referenceStandardDeviation(List<Double> values) {
    if (values.size() == 1) {
      return BigDecimal.ZERO;
    }
    BigDecimal mean = referenceMean(values);
    BigDecimal squares = BigDecimal.ZERO;
    for (double value : values) {
      BigDecimal deviation = new BigDecimal(value).subtract(mean, REFERENCE);
      squares = squares.add(deviation.multiply(deviation, REFERENCE), REFERENCE);
    }
    return squares.divide(BigDecimal.valueOf(values.size() - 1L), REFERENCE).sqrt(REFERENCE);
  }

  static void assertClose(double actual, BigDecimal expected) {
    BigDecimal error = new BigDecimal(actual).subtract(expected).abs();
    assertThat(error).as("%s against %s", actual, expected)
        .isLessThanOrEqualTo(expected.abs().multiply(BigDecimal.valueOf(RELATIVE_TOLERANCE))
            .max(BigDecimal.valueOf(Double.MIN_VALUE)));
  }
}
