package io.scouter.archive.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * How the bins' exact accumulation was chosen: a year of one entity's SPC values (5 features at one
 * record per minute, 2,628,000 values, here around 10 with a spread of 0.01) added into 1,000 bins
 * per feature by the previous accumulator (a BigInteger shift and add per value, and a multiply for
 * the square; kept here only to be measured) and by {@link MomentsAccumulator}, interleaved run by
 * run so that load from other processes hits both alike; each answers its bins with its own readout
 * (the earlier one a 34-digit BigDecimal quotient, then double; now {@link NearestDouble}), which
 * may differ by one ulp where the earlier rounded a tie twice. Not part of the suite (the name matches no test pattern); run it by name:
 * {@code mvn -pl api -am test -Dtest=MomentsAccumulationComparison -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class MomentsAccumulationComparison {
  private static final int FEATURES = 5;
  private static final int MINUTES = 365 * 1440;
  private static final int BINS = 1_000;
  private static final int RUNS = 15; // measured runs of each, after 3 warm-up runs

  @Test
  void bigIntegerAgainstLongChunks() {
    Random random = new Random(17);
    double[] values = new double[FEATURES * MINUTES];
    for (int index = 0; index < values.length; index++) {
      values[index] = 10 + 0.01 * random.nextGaussian();
    }

    Timings bigInteger = new Timings();
    Timings chunks = new Timings();
    double[][] bigIntegerAnswer = null;
    double[][] chunkAnswer = null;
    for (int run = -3; run < RUNS; run++) {
      bigIntegerAnswer = answer(values, BigIntegerMoments::new, run < 0 ? new Timings() : bigInteger);
      chunkAnswer = answer(values, ChunkMoments::new, run < 0 ? new Timings() : chunks);
    }
    // The earlier readout rounded twice (34 digits, then double): at most an ulp apart, on exact ties.
    int differing = 0;
    for (int bin = 0; bin < chunkAnswer.length; bin++) {
      for (int statistic = 0; statistic < 2; statistic++) {
        double now = chunkAnswer[bin][statistic];
        double before = bigIntegerAnswer[bin][statistic];
        assertThat(Math.abs(now - before)).as("bin %d", bin).isLessThanOrEqualTo(Math.ulp(now));
        differing += now == before ? 0 : 1;
      }
    }
    System.out.printf("answers differing by an ulp from the 34-digit readout: %d of %d%n", differing,
        2 * chunkAnswer.length);
    System.out.printf("%,d values into %,d bins, ns per value (accumulating; answering the bins):%n",
        values.length, FEATURES * BINS);
    System.out.printf("BigInteger per value: %s; %s%n", summary(bigInteger.accumulate, values.length),
        summary(bigInteger.answer, values.length));
    System.out.printf("long chunks:          %s; %s%n", summary(chunks.accumulate, values.length),
        summary(chunks.answer, values.length));
  }

  /** Nanoseconds of each measured run. */
  private static final class Timings {
    final long[] accumulate = new long[RUNS];
    final long[] answer = new long[RUNS];
    int runs;
  }

  /** Rows sorted by series then time, as in an archive file: mean and standard deviation per bin. */
  private static double[][] answer(double[] values, Supplier<Moments> newBin, Timings timings) {
    long started = System.nanoTime();
    int perBin = MINUTES / BINS + 1;
    Moments[] bins = new Moments[FEATURES * BINS];
    for (int feature = 0; feature < FEATURES; feature++) {
      for (int minute = 0; minute < MINUTES; minute++) {
        int bin = feature * BINS + minute / perBin;
        if (bins[bin] == null) {
          bins[bin] = newBin.get();
        }
        bins[bin].add(values[feature * MINUTES + minute]);
      }
    }
    long accumulated = System.nanoTime();
    double[][] answer = new double[FEATURES * BINS][];
    for (int bin = 0; bin < bins.length; bin++) {
      if (bins[bin] != null) {
        answer[bin] = new double[] {bins[bin].mean(), bins[bin].sampleStandardDeviation()};
      }
    }
    long ended = System.nanoTime();
    if (timings.runs < RUNS) {
      timings.accumulate[timings.runs] = accumulated - started;
      timings.answer[timings.runs++] = ended - accumulated;
    }
    return answer;
  }

  private static String summary(long[] nanos, int values) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return String.format("p50 %.1f, min %.1f, max %.1f", (double) sorted[sorted.length / 2] / values,
        (double) sorted[0] / values, (double) sorted[sorted.length - 1] / values);
  }

  private interface Moments {
    void add(double value);

    double mean();

    double sampleStandardDeviation();
  }

  private static final class ChunkMoments implements Moments {
    private final MomentsAccumulator accumulator = new MomentsAccumulator();

    @Override
    public void add(double value) {
      accumulator.add(value);
    }

    @Override
    public double mean() {
      return accumulator.mean();
    }

    @Override
    public double sampleStandardDeviation() {
      return accumulator.sampleStandardDeviation();
    }
  }

  /** The accumulation MomentsAccumulator did before long chunks: a BigInteger per value. */
  private static final class BigIntegerMoments implements Moments {
    private static final MathContext CONTEXT = MathContext.DECIMAL128;

    private long count;
    private final ExactSum sum = new ExactSum();
    private final ExactSum sumOfSquares = new ExactSum();

    @Override
    public void add(double value) {
      long significand = ExactSum.significandOf(value);
      int exponent = ExactSum.exponentOf(value);
      BigInteger exactSignificand = BigInteger.valueOf(significand);
      count++;
      sum.add(exactSignificand, exponent);
      sumOfSquares.add(exactSignificand.multiply(exactSignificand), 2 * exponent);
    }

    @Override
    public double mean() {
      return sum.toBigDecimal().divide(BigDecimal.valueOf(count), CONTEXT).doubleValue();
    }

    @Override
    public double sampleStandardDeviation() {
      if (count == 1) {
        return 0.0;
      }
      ExactSum numerator = new ExactSum();
      numerator.add(sumOfSquares.significand().multiply(BigInteger.valueOf(count)), sumOfSquares.exponent());
      numerator.add(sum.significand().multiply(sum.significand()).negate(), 2 * sum.exponent());
      BigDecimal denominator = BigDecimal.valueOf(count).multiply(BigDecimal.valueOf(count - 1));
      return numerator.toBigDecimal().divide(denominator, CONTEXT).sqrt(CONTEXT).doubleValue();
    }
  }
}
