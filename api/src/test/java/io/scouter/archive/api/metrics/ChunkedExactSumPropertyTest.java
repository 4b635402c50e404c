package io.scouter.archive.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The long-chunk accumulation against the simplest exact reference there is: {@code new
 * BigDecimal(double)} summed with BigDecimal's exact {@code add}. Sums and sums of squares must be
 * equal, not close, and the mean and standard deviation must be the reference's exact values
 * through the same final rounding, for any split into partials merged in any order.
 */
class ChunkedExactSumPropertyTest {
  private static final long SEED = 20261203L;

  @Test
  void randomValuesSplitAndMergedInRandomOrderEqualTheBigDecimalReference() {
    Random random = new Random(SEED);
    for (int iteration = 0; iteration < 2_000; iteration++) {
      Distribution distribution = Distribution.values()[iteration % Distribution.values().length];
      List<Double> values = distribution.values(random, 1 + random.nextInt(400));
      int carryInterval = random.nextBoolean() ? ChunkedExactSum.MAX_CARRY_INTERVAL : 1 + random.nextInt(5);
      String context = "seed " + SEED + ", iteration " + iteration + ", " + distribution + ", carry interval "
          + carryInterval;

      assertEqualsReference(mergedFromRandomPartials(values, carryInterval, random), values, context);
    }
  }

  /**
   * Also the largest piece there is, added as often as the carry interval allows: every significand
   * bit set, shifted by 31 within its chunk ((2^53 - 1) * 2^-1, exponent -1 + 2176 = 31 mod 32).
   */
  @Test
  void hugeCountsOfOneValueEqualTheReference() {
    Random random = new Random(SEED);
    double largestPiece = Math.scalb(Math.nextDown(1.0), 52);
    for (double value : new double[] {10.01, -0.1, largestPiece, -largestPiece, Double.MIN_VALUE, 1e300, -1e-300}) {
      int count = 200_000 + random.nextInt(1_000);
      MomentsAccumulator moments = new MomentsAccumulator();
      for (int index = 0; index < count; index++) {
        moments.add(value);
      }
      BigDecimal exact = new BigDecimal(value);

      String context = "seed " + SEED + ", " + count + " times " + value;
      assertThat(moments.exactSum().toBigDecimal()).as(context)
          .isEqualByComparingTo(exact.multiply(BigDecimal.valueOf(count)));
      assertThat(moments.exactSumOfSquares().toBigDecimal()).as(context)
          .isEqualByComparingTo(exact.multiply(exact).multiply(BigDecimal.valueOf(count)));
      assertThat(moments.mean()).as(context).isEqualTo(value);
      assertThat(moments.sampleStandardDeviation()).as(context).isZero();
    }
  }

  /**
   * Carrying every few additions, many values with every significand bit set, at every shift
   * within a chunk, put the largest pieces into every chunk and carries through the window.
   */
  @Test
  void theCarryPathKeepsMaximalSignificandsExact() {
    Random random = new Random(SEED);
    for (int carryInterval : new int[] {1, 2, 3, 64}) {
      List<Double> values = new ArrayList<>();
      for (int index = 0; index < 20_000; index++) {
        double largest = Math.scalb(Math.nextDown(1.0), index % 64);
        values.add(random.nextInt(8) == 0 ? -largest : largest);
      }
      assertEqualsReference(mergedFromRandomPartials(values, carryInterval, random), values,
          "seed " + SEED + ", carry interval " + carryInterval);
    }
  }

  /**
   * A sum added to itself doubles, so a few dozen doublings carry past the top chunk's 32 bits,
   * which only some 2^43 values could do otherwise: the window must grow at the top.
   */
  @Test
  void carriesBeyondTheTopChunkGrowTheWindow() {
    for (double value : new double[] {Math.scalb(Math.nextDown(1.0), 31), -Math.nextDown(1.0), Double.MIN_VALUE}) {
      ChunkedExactSum sum = new ChunkedExactSum(ChunkedExactSum.MAX_CARRY_INTERVAL);
      sum.add(ExactSum.significandOf(value), ExactSum.exponentOf(value));
      ChunkedExactSum squares = new ChunkedExactSum(ChunkedExactSum.MAX_CARRY_INTERVAL);
      squares.addSquare(ExactSum.significandOf(value), ExactSum.exponentOf(value));
      for (int doubling = 0; doubling < 200; doubling++) {
        sum.add(sum);
        squares.add(squares);
      }
      BigDecimal factor = new BigDecimal(2).pow(200);

      assertThat(sum.toExactSum().toBigDecimal()).as("%s doubled 200 times", value)
          .isEqualByComparingTo(new BigDecimal(value).multiply(factor));
      assertThat(squares.toExactSum().toBigDecimal()).as("%s squared, doubled 200 times", value)
          .isEqualByComparingTo(new BigDecimal(value).pow(2).multiply(factor));
    }
  }

  @Test
  void valuesThatCancelExactlyLeaveTheRestExact() {
    Random random = new Random(SEED);
    for (int iteration = 0; iteration < 200; iteration++) {
      List<Double> values = new ArrayList<>();
      for (double value : Distribution.WIDE_EXPONENTS.values(random, 1 + random.nextInt(50))) {
        values.add(value);
        values.add(-value);
      }
      double survivor = Distribution.NARROW.values(random, 1).get(0);
      values.add(survivor);
      Collections.shuffle(values, random);
      MomentsAccumulator moments = mergedFromRandomPartials(values, ChunkedExactSum.MAX_CARRY_INTERVAL, random);

      String context = "seed " + SEED + ", iteration " + iteration;
      assertThat(moments.exactSum().toBigDecimal()).as(context).isEqualByComparingTo(new BigDecimal(survivor));
      assertEqualsReference(moments, values, context);
    }
  }

  @Test
  void anEmptyPartialMergesAsNothing() {
    MomentsAccumulator moments = new MomentsAccumulator();
    moments.add(2.5);
    moments.merge(new MomentsAccumulator());
    MomentsAccumulator empty = new MomentsAccumulator();
    empty.merge(moments);

    assertThat(empty.exactSum().toBigDecimal()).isEqualByComparingTo("2.5");
    assertThat(empty.exactSumOfSquares().toBigDecimal()).isEqualByComparingTo("6.25");
    assertThat(new MomentsAccumulator().exactSum().toBigDecimal()).isEqualByComparingTo("0");
  }

  private enum Distribution {
    /** A small spread on a large mean, where naive sums of squares cancel. */
    NARROW {
      @Override
      double next(Random random) {
        return 10 + (random.nextDouble() - 0.5) * 0.02;
      }
    },
    WIDE_EXPONENTS {
      @Override
      double next(Random random) {
        double magnitude = Math.pow(10, -300 + 600 * random.nextDouble());
        return random.nextBoolean() ? magnitude : -magnitude;
      }
    },
    MIXED_SIGNS {
      @Override
      double next(Random random) {
        return random.nextGaussian() * Math.pow(10, random.nextInt(13) - 6);
      }
    },
    SUBNORMALS {
      @Override
      double next(Random random) {
        double value = random.nextInt(3) == 0
            ? Double.MIN_NORMAL * random.nextDouble()
            : Double.MIN_VALUE * random.nextInt(1, 1 << 20);
        return random.nextBoolean() ? value : -value;
      }
    },
    /** Any finite bit pattern: every exponent, NaN and infinities redrawn. */
    ANY_BITS {
      @Override
      double next(Random random) {
        double value;
        do {
          value = Double.longBitsToDouble(random.nextLong());
        } while (!Double.isFinite(value));
        return value;
      }
    },
    REPEATED {
      @Override
      List<Double> values(Random random, int count) {
        return new ArrayList<>(Collections.nCopies(count, NARROW.next(random)));
      }

      @Override
      double next(Random random) {
        throw new UnsupportedOperationException("values are drawn once per list");
      }
    };

    abstract double next(Random random);

    List<Double> values(Random random, int count) {
      List<Double> values = new ArrayList<>(count);
      for (int index = 0; index < count; index++) {
        values.add(next(random));
      }
      return values;
    }
  }

  /** Cuts the values into random partials fed one by one, then merges them in a random order. */
  private static MomentsAccumulator mergedFromRandomPartials(List<Double> values, int carryInterval,
      Random random) {
    List<MomentsAccumulator> partials = new ArrayList<>();
    int start = 0;
    while (start < values.size()) {
      int end = Math.min(values.size(), start + 1 + random.nextInt(Math.max(1, values.size() / 4)));
      MomentsAccumulator partial = new MomentsAccumulator(carryInterval);
      values.subList(start, end).forEach(partial::add);
      partials.add(partial);
      start = end;
    }
    while (partials.size() > 1) {
      MomentsAccumulator target = partials.remove(random.nextInt(partials.size()));
      target.merge(partials.remove(random.nextInt(partials.size())));
      partials.add(target);
    }
    return partials.get(0);
  }

  private static void assertEqualsReference(MomentsAccumulator moments, List<Double> values, String context) {
    BigDecimal sum = BigDecimal.ZERO;
    BigDecimal sumOfSquares = BigDecimal.ZERO;
    for (double value : values) {
      BigDecimal exact = new BigDecimal(value);
      sum = sum.add(exact);
      sumOfSquares = sumOfSquares.add(exact.multiply(exact));
    }

    assertThat(moments.count()).as(context).isEqualTo(values.size());
    assertThat(moments.exactSum().toBigDecimal()).as(context).isEqualByComparingTo(sum);
    assertThat(moments.exactSumOfSquares().toBigDecimal()).as(context).isEqualByComparingTo(sumOfSquares);
    // The rounding of the readouts from these sums: NearestDoubleTest.
  }
}
