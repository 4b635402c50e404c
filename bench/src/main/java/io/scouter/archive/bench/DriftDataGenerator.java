package io.scouter.archive.bench;

import io.scouter.archive.catalog.drift.DriftRecord;
import io.scouter.archive.catalog.drift.DriftType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Deterministic drift data shaped like a live fleet: per entity, F SPC features, F PSI features of
 * {@value #PSI_BINS} bins each and {@value #CUSTOM_METRIC_COUNT} custom metrics, one record per series
 * per minute over D days ending at the fixed instant {@link #DATA_END}.
 *
 * <p>Each series draws from its own generator, seeded by (type, entity, series), so the same
 * parameters give the same rows on every machine and an entity's rows do not depend on how many
 * other entities are generated. Rows come minute by minute, all entities interleaved, the order in
 * which a fleet sends them, so the hot tables' physical layout is the realistic one.
 */
final class DriftDataGenerator {
  /** Fixed, so that data and query windows are the same from run to run, and always expired. */
  static final Instant DATA_END = Instant.parse("2025-06-01T00:00:00Z");
  static final int PSI_BINS = 10;
  static final int CUSTOM_METRIC_COUNT = 5;
  static final List<String> CUSTOM_METRICS = List.of("mae", "mse", "accuracy", "latency_ms", "throughput");
  static final long MINUTES_PER_DAY = 24 * 60;
  private static final long SEED = 0x5C0_07E2_A2C4_1BEL;
  /** Observations behind one minute's PSI bin counts. */
  private static final int PSI_OBSERVATIONS_PER_MINUTE = 200;

  private final int features;
  private final int days;

  DriftDataGenerator(int features, int days) {
    if (features < 1 || days < 1) {
      throw new IllegalArgumentException("Invalid generator size: " + features + " features, " + days + " days");
    }
    this.features = features;
    this.days = days;
  }

  Instant start() {
    return DATA_END.minus(Duration.ofDays(days));
  }

  Instant end() {
    return DATA_END;
  }

  int days() {
    return days;
  }

  long minutes() {
    return days * MINUTES_PER_DAY;
  }

  int seriesPerEntity(DriftType type) {
    return switch (type) {
      case SPC -> features;
      case PSI -> features * PSI_BINS;
      case CUSTOM -> CUSTOM_METRIC_COUNT;
    };
  }

  /** Rows of one type for {@code entities} entities over the whole span. */
  long rows(DriftType type, int entities) {
    return seriesPerEntity(type) * minutes() * entities;
  }

  /** Rows of one type for one entity in a window of whole days inside the span. */
  long rowsPerEntity(DriftType type, int windowDays) {
    return seriesPerEntity(type) * windowDays * MINUTES_PER_DAY;
  }

  static String feature(int index) {
    return "feature_" + index;
  }

  /** Hands every row of {@code type} for entities {@code [first, first + count)} to the sink, minute by minute. */
  void generate(DriftType type, int first, int count, Consumer<DriftRecord> sink) {
    List<Series> series = new ArrayList<>();
    for (int entity = first; entity < first + count; entity++) {
      for (int index = 0; index < seriesCount(type); index++) {
        series.add(new Series(type, BenchEntity.number(entity), index));
      }
    }
    Instant start = start();
    long minutes = minutes();
    for (long minute = 0; minute < minutes; minute++) {
      Instant createdAt = start.plusSeconds(minute * 60);
      double progress = minute / (double) minutes;
      double daily = Math.sin(2 * Math.PI * (minute % MINUTES_PER_DAY) / MINUTES_PER_DAY);
      for (Series one : series) {
        one.emit(createdAt, progress, daily, sink);
      }
    }
  }

  /** PSI series are features here; each emits its ten bins at once. */
  private int seriesCount(DriftType type) {
    return type == DriftType.PSI ? features : seriesPerEntity(type);
  }

  /** One feature or metric of one entity, with its own random stream and level. */
  private static final class Series {
    private final DriftType type;
    private final BenchEntity entity;
    private final int index;
    private final SplittableRandom random;
    private final double level;
    private final double spread;
    private final double[] reference;

    Series(DriftType type, BenchEntity entity, int index) {
      this.type = type;
      this.entity = entity;
      this.index = index;
      this.random = new SplittableRandom(seed(type, entity, index));
      this.level = 10.0 * (index + 1) + random.nextDouble();
      this.spread = 0.5 + 0.25 * index;
      this.reference = type == DriftType.PSI ? referenceProportions(random.nextDouble() - 0.5) : null;
    }

    private static long seed(DriftType type, BenchEntity entity, int index) {
      return SEED ^ (type.ordinal() + 1) * 0x9E37_79B9_7F4A_7C15L ^ entity.name().hashCode() * 0xC2B2_AE3D_27D4_EB4FL
          ^ (index + 1) * 0x1656_67B1_9E37_79F9L;
    }

    /** A bell over the bins, shifted a little per feature. */
    private static double[] referenceProportions(double shift) {
      double[] proportions = new double[PSI_BINS];
      double sum = 0;
      for (int bin = 0; bin < PSI_BINS; bin++) {
        double z = (bin - (PSI_BINS - 1) / 2.0 - shift) / 2.0;
        proportions[bin] = Math.exp(-z * z / 2);
        sum += proportions[bin];
      }
      for (int bin = 0; bin < PSI_BINS; bin++) {
        proportions[bin] /= sum;
      }
      return proportions;
    }

    void emit(Instant createdAt, double progress, double daily, Consumer<DriftRecord> sink) {
      String space = entity.space();
      String name = entity.name();
      String version = entity.version();
      switch (type) {
        case SPC -> {
          // Noise around a level with a daily cycle and a slow drift over the span.
          double value = level + spread * (0.5 * daily + 0.8 * progress + random.nextGaussian());
          sink.accept(new DriftRecord.Spc(createdAt, space, name, version, feature(index), value));
        }
        case PSI -> {
          for (int bin = 0; bin < PSI_BINS; bin++) {
            // Later bins gain weight as the span goes on: a distribution that drifts.
            double expected = PSI_OBSERVATIONS_PER_MINUTE * reference[bin] * (1 + 0.3 * progress * bin / PSI_BINS);
            int count = (int) Math.max(0, Math.round(expected + Math.sqrt(expected) * random.nextGaussian()));
            sink.accept(new DriftRecord.Psi(createdAt, space, name, version, feature(index), bin, count));
          }
        }
        case CUSTOM -> sink.accept(new DriftRecord.Custom(createdAt, space, name, version,
            CUSTOM_METRICS.get(index), customValue(progress, daily)));
      }
    }

    private double customValue(double progress, double daily) {
      double noise = random.nextGaussian();
      return switch (index) {
        case 0 -> Math.abs(0.3 + 0.05 * progress + 0.02 * noise);
        case 1 -> Math.pow(0.3 + 0.05 * progress + 0.02 * noise, 2);
        case 2 -> Math.min(1.0, Math.max(0.0, 0.92 - 0.03 * progress + 0.01 * noise));
        case 3 -> Math.exp(3.0 + 0.2 * daily + 0.25 * noise);
        default -> Math.max(0.0, 100 + 30 * daily + 8 * noise);
      };
    }
  }
}
