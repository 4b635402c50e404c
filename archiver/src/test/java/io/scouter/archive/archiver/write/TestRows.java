package io.scouter.archive.archiver.write;

import io.scouter.archive.catalog.drift.DriftRecord;
import io.scouter.archive.catalog.drift.DriftType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Deterministic drift records full of edge cases: quotes, slashes, percent signs, empty strings,
 * characters outside the BMP and a name longer than the default metrics truncation; timestamps
 * before 1970, before 2000, after 2038 and at microsecond precision; signed zeros, NaN, infinities,
 * subnormals and extreme doubles and integers; and many partitions.
 */
final class TestRows {
  static final List<String> SPACES = List.of("space", "sp'ace", "ünïcödé-空间");
  static final List<String> NAMES = List.of(
      "model", "mo\"del", "a/b%20c=d e+f", "😀-emoji", "long-" + "n".repeat(95));
  static final List<String> VERSIONS = List.of("1.0", "", "v\\2");
  static final List<String> SERIES = List.of("feature_a", "\uFFFD", "😀", "é", "Z", "quote'd");
  static final List<Instant> SPECIAL_TIMES = List.of(
      Instant.parse("0001-01-01T00:00:00Z"),
      Instant.parse("1969-12-31T23:59:59.999999Z"),
      Instant.parse("1970-01-01T00:00:00Z"),
      Instant.parse("1999-12-31T23:59:59.999999Z"),
      Instant.parse("2000-01-01T00:00:00Z"),
      Instant.parse("2038-01-19T03:14:08.000001Z"),
      Instant.parse("2262-04-11T23:47:16.854775Z"),
      Instant.parse("9999-12-31T23:59:59.999999Z"));
  static final List<Double> SPECIAL_DOUBLES = List.of(
      0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE,
      -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 1e-300, -123.456, Math.PI);
  static final List<Integer> SPECIAL_INTS = List.of(Integer.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE);

  private TestRows() {}

  /** Edge-case rows for every entity and special timestamp, plus {@code randomRows} over {@code days}. */
  static List<DriftRecord> records(DriftType type, int randomRows, int days) {
    List<DriftRecord> records = new ArrayList<>();
    int i = 0;
    for (int entity = 0; entity < entities(); entity++) {
      for (Instant time : SPECIAL_TIMES) {
        for (int s = 0; s < 2; s++) {
          records.add(record(type, time, entity, SERIES.get((entity + s) % SERIES.size()),
              SPECIAL_DOUBLES.get(i % SPECIAL_DOUBLES.size()), SPECIAL_INTS.get(i % SPECIAL_INTS.size())));
          i++;
        }
      }
    }
    Random random = new Random(type.ordinal() * 31L + 17);
    Instant start = Instant.parse("2026-02-01T00:00:00Z");
    for (int r = 0; r < randomRows; r++) {
      Instant time = start.plus(random.nextInt(days * 86_400), ChronoUnit.SECONDS)
          .plus(random.nextInt(1_000_000), ChronoUnit.MICROS);
      double value = random.nextInt(20) == 0
          ? SPECIAL_DOUBLES.get(random.nextInt(SPECIAL_DOUBLES.size()))
          : random.nextGaussian() * 1000;
      records.add(record(type, time, random.nextInt(entities()), SERIES.get(random.nextInt(SERIES.size())),
          value, random.nextInt(12) - 2));
    }
    return records;
  }

  static int entities() {
    return NAMES.size() + 1;
  }

  private static DriftRecord record(DriftType type, Instant time, int entity, String series, double value, int integer) {
    String space = SPACES.get(entity % SPACES.size());
    String name = NAMES.get(entity % NAMES.size());
    String version = VERSIONS.get(entity % VERSIONS.size());
    return switch (type) {
      case SPC -> new DriftRecord.Spc(time, space, name, version, series, value);
      case CUSTOM -> new DriftRecord.Custom(time, space, name, version, series, value);
      case PSI -> new DriftRecord.Psi(time, space, name, version, series, integer, integer * 7 + 3);
    };
  }
}
