package io.scouter.archive.api.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scouter.archive.api.errors.ScouterException;
import io.scouter.archive.api.limits.ScanPermits;
import io.scouter.archive.api.metrics.Binning;
import io.scouter.archive.api.metrics.CustomResult;
import io.scouter.archive.api.metrics.PsiReference;
import io.scouter.archive.api.metrics.PsiResult;
import io.scouter.archive.api.metrics.SeriesBinCounts;
import io.scouter.archive.api.metrics.SeriesMoments;
import io.scouter.archive.api.metrics.SpcResult;
import io.scouter.archive.api.metrics.TimeWindow;
import io.scouter.archive.api.testing.ArchiveBench;
import io.scouter.archive.catalog.drift.DriftRecord;
import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.catalog.testing.TemporaryDirectories;
import io.scouter.archive.catalog.testing.TestDatabases;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The reader on a real PostgreSQL and real Iceberg tables written by the real archiver, against an
 * oracle computed in memory from the generated records: bit for bit the same answer with nothing
 * archived, with part of the rows archived (in several runs, so bins straddle the boundary), and
 * with all of them archived and deleted from PostgreSQL, so that only Iceberg can answer; and the
 * archive is only scanned when it can hold rows of the window.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DriftReaderTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  private static final Duration SPAN = Duration.ofDays(10);
  // Characters that SQL text, LIKE patterns or expression strings would misread; the neighbour
  // "aXcdé" matches the entity's space as a LIKE pattern.
  private static final String SPACE = "a_c%é'; DROP TABLE x; --";
  private static final String NEIGHBOUR = "aXc%é'; DROP TABLE x; --";
  private static final PsiReference REFERENCE = PsiReference.of(Map.of(
      "f0", Map.of(0, 0.1, 1, 0.2, 2, 0.3, 3, 0.4),
      "f1", Map.of(0, 0.25, 1, 0.25, 2, 0.25, 3, 0.25, 9, 0.0)));

  private final List<DriftRecord> records = new ArrayList<>();
  private ArchiveBench bench;
  private ExecutorService scanThreads;
  private ArchiveScanner scanner;
  private DriftReader reader;

  @BeforeAll
  void load() throws Exception {
    bench = new ArchiveBench(TestDatabases.freshDatabase("drift_reader"), TemporaryDirectories.create("scouter-reader-"));
    // Three file groups, two of them on other threads: the grouping must not change any answer.
    scanThreads = Executors.newFixedThreadPool(2);
    scanner = new ArchiveScanner(bench.catalog, scanThreads, 3);
    reader = new DriftReader(bench.hotStore.dataSource(), scanner);
    Random random = new Random(7);
    for (String space : List.of(SPACE, NEIGHBOUR)) {
      for (int i = 0; i < 2500; i++) {
        Instant at = T0.plusNanos(1000L * (long) (random.nextDouble() * SPAN.toNanos() / 1000));
        String series = "f" + random.nextInt(3);
        // Values spanning many binary exponents, and bins whose spread is tiny against their mean.
        double value = switch (random.nextInt(3)) {
          case 0 -> random.nextGaussian() * Math.pow(10, random.nextInt(12) - 6);
          case 1 -> 1e9 + random.nextGaussian() * 1e-3;
          default -> random.nextInt(100);
        };
        records.add(new DriftRecord.Spc(at, space, "model", "1.0", series, value));
        records.add(new DriftRecord.Custom(at, space, "model", "1.0", "m" + random.nextInt(2), value));
        records.add(new DriftRecord.Psi(at, space, "model", "1.0", series, random.nextInt(5), random.nextInt(50)));
      }
    }
    bench.insert(records);
  }

  @AfterAll
  void close() {
    scanThreads.shutdown();
    bench.close();
  }

  private record Answers(List<SpcResult> spc, List<CustomResult> custom, List<PsiResult> psi) {}

  private static List<Binning> randomWindows(long seed, int count) {
    Random random = new Random(seed);
    List<Binning> windows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Instant a = T0.minus(Duration.ofDays(1)).plusSeconds(random.nextInt((int) SPAN.plusDays(2).toSeconds()))
          .plusNanos(random.nextInt(1_000_000) * 1000L);
      Instant b = a.plusSeconds(1 + random.nextInt((int) SPAN.toSeconds()));
      windows.add(Binning.of(TimeWindow.between(a, b), 1 + random.nextInt(random.nextBoolean() ? 1000 : 20)));
    }
    // The whole span, in many and in few bins.
    windows.add(Binning.of(TimeWindow.between(T0, T0.plus(SPAN)), 1000));
    windows.add(Binning.of(TimeWindow.between(T0.minusSeconds(1), T0.plus(SPAN)), 3));
    return windows;
  }

  private Answers answer(List<Binning> windows) throws SQLException {
    List<SpcResult> spc = new ArrayList<>();
    List<CustomResult> custom = new ArrayList<>();
    List<PsiResult> psi = new ArrayList<>();
    for (Binning binning : windows) {
      spc.add(reader.moments(new DriftQuery(DriftType.SPC, SPACE, "model", "1.0", binning)).spc());
      custom.add(reader.moments(new DriftQuery(DriftType.CUSTOM, SPACE, "model", "1.0", binning)).custom());
      psi.add(reader.binCounts(new DriftQuery(DriftType.PSI, SPACE, "model", "1.0", binning)).psi(REFERENCE));
    }
    return new Answers(spc, custom, psi);
  }

  /** The answers computed from the generated records themselves, without either store. */
  private Answers expected(List<Binning> windows) {
    List<SpcResult> spc = new ArrayList<>();
    List<CustomResult> custom = new ArrayList<>();
    List<PsiResult> psi = new ArrayList<>();
    for (Binning binning : windows) {
      SeriesMoments spcMoments = new SeriesMoments(binning);
      SeriesMoments customMoments = new SeriesMoments(binning);
      SeriesBinCounts counts = new SeriesBinCounts(binning);
      for (DriftRecord record : records) {
        Instant at = record.createdAt();
        if (!record.space().equals(SPACE) || at.isBefore(binning.window().begin()) || !at.isBefore(binning.window().end())) {
          continue;
        }
        if (record instanceof DriftRecord.Spc spcRecord) {
          spcMoments.add(spcRecord.feature(), spcRecord.createdAt(), spcRecord.value());
        } else if (record instanceof DriftRecord.Custom customRecord) {
          customMoments.add(customRecord.metric(), customRecord.createdAt(), customRecord.value());
        } else if (record instanceof DriftRecord.Psi psiRecord) {
          counts.add(psiRecord.feature(), psiRecord.createdAt(), psiRecord.binId(), psiRecord.binCount());
        }
      }
      spc.add(spcMoments.spc());
      custom.add(customMoments.custom());
      psi.add(counts.psi(REFERENCE));
    }
    return new Answers(spc, custom, psi);
  }

  /**
   * The slowest obvious computation of the SPC and custom answers: per bin, the values' sum and
   * sum of squares as BigDecimals, the mean and deviation to 400 digits, rounded to double once.
   * It checks the oracle above, which uses the service's own accumulators.
   */
  private Answers naive(List<Binning> windows) {
    MathContext digits = new MathContext(400);
    List<SpcResult> spc = new ArrayList<>();
    List<CustomResult> custom = new ArrayList<>();
    for (Binning binning : windows) {
      long width = binning.widthSeconds() * 1_000_000L;
      Map<String, TreeMap<Instant, List<Double>>> spcBins = new TreeMap<>();
      Map<String, TreeMap<Instant, List<Double>>> customBins = new TreeMap<>();
      for (DriftRecord record : records) {
        Instant at = record.createdAt();
        if (!record.space().equals(SPACE) || at.isBefore(binning.window().begin()) || !at.isBefore(binning.window().end())) {
          continue;
        }
        long micros = Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1000);
        Instant binStart = Instant.EPOCH.plus(Math.floorDiv(micros, width) * width, ChronoUnit.MICROS);
        if (record instanceof DriftRecord.Spc spcRecord) {
          spcBins.computeIfAbsent(spcRecord.feature(), k -> new TreeMap<>())
              .computeIfAbsent(binStart, k -> new ArrayList<>()).add(spcRecord.value());
        } else if (record instanceof DriftRecord.Custom customRecord) {
          customBins.computeIfAbsent(customRecord.metric(), k -> new TreeMap<>())
              .computeIfAbsent(binStart, k -> new ArrayList<>()).add(customRecord.value());
        }
      }
      Map<String, SpcResult.Feature> features = new TreeMap<>();
      spcBins.forEach((feature, bins) -> features.put(feature, new SpcResult.Feature(new ArrayList<>(bins.keySet()),
          bins.values().stream().map(values -> naiveMean(values, digits).doubleValue()).toList())));
      Map<String, CustomResult.Metric> metrics = new TreeMap<>();
      customBins.forEach((metric, bins) -> metrics.put(metric, new CustomResult.Metric(metric,
          new ArrayList<>(bins.keySet()), bins.values().stream().map(values -> {
            BigDecimal mean = naiveMean(values, digits);
            BigDecimal deviation = naiveDeviation(values, digits);
            return new CustomResult.Stats(mean.doubleValue(), mean.subtract(deviation, digits).doubleValue(),
                mean.add(deviation, digits).doubleValue());
          }).toList())));
      spc.add(new SpcResult(features));
      custom.add(new CustomResult(metrics));
    }
    return new Answers(spc, custom, List.of());
  }

  private static BigDecimal naiveMean(List<Double> values, MathContext digits) {
    BigDecimal sum = values.stream().map(BigDecimal::new).reduce(BigDecimal.ZERO, BigDecimal::add);
    return sum.divide(BigDecimal.valueOf(values.size()), digits);
  }

  private static BigDecimal naiveDeviation(List<Double> values, MathContext digits) {
    if (values.size() == 1) {
      return BigDecimal.ZERO;
    }
    BigDecimal n = BigDecimal.valueOf(values.size());
    BigDecimal sum = values.stream().map(BigDecimal::new).reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal squares = values.stream().map(v -> new BigDecimal(v).pow(2)).reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal numerator = n.multiply(squares).subtract(sum.pow(2));
    return numerator.divide(n.multiply(n.subtract(BigDecimal.ONE)), digits).sqrt(digits);
  }

  @Test
  void theOracleAgreesWithANaiveExactComputation() {
    List<Binning> windows = randomWindows(13, 12);
    Answers oracle = expected(windows);
    Answers naive = naive(windows);
    assertThat(naive.spc()).filteredOn(result -> !result.features().isEmpty()).hasSizeGreaterThan(8);
    for (int i = 0; i < windows.size(); i++) {
      SpcResult expected = naive.spc().get(i);
      SpcResult actual = oracle.spc().get(i);
      assertThat(actual.features().keySet()).isEqualTo(expected.features().keySet());
      for (String feature : expected.features().keySet()) {
        SpcResult.Feature want = expected.features().get(feature);
        SpcResult.Feature got = actual.features().get(feature);
        assertThat(got.createdAt()).as("bins of %s in %s", feature, windows.get(i)).isEqualTo(want.createdAt());
        for (int bin = 0; bin < want.values().size(); bin++) {
          assertThat(got.values().get(bin)).as("mean of %s at %s in %s", feature, want.createdAt().get(bin),
              windows.get(i)).isEqualTo(want.values().get(bin));
        }
      }
      CustomResult expectedCustom = naive.custom().get(i);
      CustomResult actualCustom = oracle.custom().get(i);
      assertThat(actualCustom.metrics().keySet()).isEqualTo(expectedCustom.metrics().keySet());
      for (String metric : expectedCustom.metrics().keySet()) {
        CustomResult.Metric want = expectedCustom.metrics().get(metric);
        CustomResult.Metric got = actualCustom.metrics().get(metric);
        assertThat(got.createdAt()).isEqualTo(want.createdAt());
        for (int bin = 0; bin < want.stats().size(); bin++) {
          assertThat(got.stats().get(bin)).as("stats of %s at %s in %s", metric, want.createdAt().get(bin),
              windows.get(i)).isEqualTo(want.stats().get(bin));
        }
      }
    }
  }

  @Test
  void theAnswerDoesNotDependOnHowMuchIsArchived() throws SQLException {
    List<Binning> windows = randomWindows(11, 12);
    Answers oracle = expected(windows);
    assertThat(oracle.spc()).filteredOn(result -> !result.features().isEmpty()).hasSizeGreaterThan(8);
    assertThat(oracle.psi().get(oracle.psi().size() - 1).features()).containsOnlyKeys("f0", "f1");
    assertThat(answer(windows)).isEqualTo(oracle);
    assertThat(scanner.scans()).isZero();

    // Part of the rows, in runs of 700 rows, so several snapshots and bins split at the boundary.
    bench.archiveBefore(T0.plus(Duration.ofDays(4)).plusSeconds(1234).plusNanos(5000), 700);
    assertThat(answer(windows)).isEqualTo(oracle);

    // All of them, then gone from PostgreSQL: only Iceberg can answer.
    bench.archiveBefore(T0.plus(SPAN).plus(Duration.ofDays(1)));
    assertThat(bench.deleteArchivedRows()).isEqualTo(records.size());
    assertThat(answer(windows)).isEqualTo(oracle);
    assertThat(scanner.scans()).isPositive();

    // Windows outside the archived span never scan the archive.
    Binning future = Binning.of(TimeWindow.between(T0.plus(Duration.ofDays(400)), T0.plus(Duration.ofDays(401))), 10);
    Binning past = Binning.of(TimeWindow.between(T0.minus(Duration.ofDays(30)), T0.minus(Duration.ofDays(1))), 10);
    long before = scanner.scans();
    assertThat(reader.moments(new DriftQuery(DriftType.SPC, SPACE, "model", "1.0", future)).spc().features()).isEmpty();
    assertThat(reader.moments(new DriftQuery(DriftType.SPC, SPACE, "model", "1.0", past)).spc().features()).isEmpty();
    assertThat(scanner.scans()).isEqualTo(before);

    // Only the scan takes a scan permit: with none free, a window the archive cannot hold is answered,
    // one that needs the archive is refused with the 503.
    ScanPermits permits = new ScanPermits(1, Duration.ofMillis(10));
    DriftReader capped = new DriftReader(bench.hotStore.dataSource(),
        new ArchiveScanner(bench.catalog, Runnable::run, 1, permits));
    DriftQuery archived = new DriftQuery(DriftType.SPC, SPACE, "model", "1.0",
        Binning.of(TimeWindow.between(T0, T0.plus(SPAN)), 10));
    try (ScanPermits.Permit taken = permits.acquire()) {
      assertThat(capped.moments(new DriftQuery(DriftType.SPC, SPACE, "model", "1.0", future)).spc().features())
          .isEmpty();
      assertThatThrownBy(() -> capped.moments(archived)).isInstanceOf(ScouterException.class)
          .hasMessageContaining("Too many archive scans");
    }
    assertThat(capped.moments(archived).spc()).isEqualTo(reader.moments(archived).spc());
    assertThat(permits.available()).isEqualTo(1);

    // Rows arriving after archiving, with old timestamps, count hot alongside the archived ones.
    bench.insert(List.of(new DriftRecord.Spc(T0.plusSeconds(30), SPACE, "model", "1.0", "late", 4.0),
        new DriftRecord.Spc(T0.plusSeconds(40), SPACE, "model", "1.0", "late", 6.0)));
    Binning firstMinute = Binning.of(TimeWindow.between(T0, T0.plusSeconds(60)), 1);
    assertThat(reader.moments(new DriftQuery(DriftType.SPC, SPACE, "model", "1.0", firstMinute)).spc()
        .features().get("late").values()).containsExactly(5.0);
  }

  @Test
  void unknownAndUnstorableEntitiesHaveNoBins() throws SQLException {
    Binning all = Binning.of(TimeWindow.between(T0, T0.plus(SPAN)), 10);
    for (String space : List.of("a%", "a_c%", "%", "nobody", "a\u0000b", "x".repeat(600))) {
      assertThat(reader.moments(new DriftQuery(DriftType.SPC, space, "model", "1.0", all)).spc().features())
          .as(space).isEmpty();
      assertThat(reader.binCounts(new DriftQuery(DriftType.PSI, space, "model", "1.0", all)).psi(REFERENCE)
          .features()).as(space).isEmpty();
    }
  }
}
