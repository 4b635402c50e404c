package io.scouter.archive.bench;

import com.codahale.metrics.MetricRegistry;
import io.scouter.archive.api.metrics.Binning;
import io.scouter.archive.api.metrics.SpcResult;
import io.scouter.archive.api.metrics.TimeWindow;
import io.scouter.archive.api.query.ArchiveScanner;
import io.scouter.archive.api.query.DriftQuery;
import io.scouter.archive.api.query.DriftReader;
import io.scouter.archive.archiver.ArchivePassResult;
import io.scouter.archive.archiver.ArchiverSettings;
import io.scouter.archive.archiver.DataArchiver;
import io.scouter.archive.archiver.run.ArchiveFaults;
import io.scouter.archive.archiver.write.CopyRunFileWriter;
import io.scouter.archive.catalog.drift.DriftRecord;
import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.catalog.hotstore.DriftRecordInserter;
import io.scouter.archive.catalog.hotstore.HotStore;
import io.scouter.archive.catalog.hotstore.embedded.EmbeddedPostgres;
import io.scouter.archive.catalog.hotstore.embedded.EmbeddedPostgresOptions;
import io.scouter.archive.catalog.iceberg.ArchiveCatalog;
import io.scouter.archive.catalog.iceberg.CatalogSettings;
import io.scouter.archive.catalog.settings.DatabaseUri;
import io.scouter.archive.catalog.settings.PoolSize;
import io.scouter.archive.catalog.settings.RetentionPeriod;
import io.scouter.archive.catalog.storage.FileIOFactory;
import io.scouter.archive.catalog.storage.StorageSettings;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Latency of one SPC query over a long window for one entity, served hot from PostgreSQL and then,
 * on the very same rows, served from the Iceberg archive, measured side by side in one run. Loads
 * {@code days} x 1 row/minute x {@code features} for the measured entity and as much again for
 * each of {@code otherEntities} neighbours, measures the query with nothing archived, archives
 * everything, and measures again. Reusable by a later {@code bench} command.
 */
public final class QueryLatencyBench {
  static final Instant WINDOW_END = Instant.parse("2026-01-31T00:00:00Z");

  /** What to load and how often to ask. */
  public record Settings(int days, int features, int otherEntities, int maxDataPoints, int warmups, int runs) {
    public static Settings defaults() {
      return new Settings(30, 5, 4, 1000, 5, 30);
    }
  }

  /** The latencies of one way of serving the query, in milliseconds. */
  public record Latency(int runs, double p50, double p95, double min, double max) {
    static Latency of(double[] millis) {
      double[] sorted = millis.clone();
      Arrays.sort(sorted);
      return new Latency(sorted.length, percentile(sorted, 50), percentile(sorted, 95), sorted[0],
          sorted[sorted.length - 1]);
    }

    /** Nearest-rank percentile. */
    private static double percentile(double[] sorted, int percent) {
      int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
      return sorted[Math.max(0, rank - 1)];
    }
  }

  /** The outcome: how much was loaded and both latencies, plus the check that both answers agree. */
  public record Report(Settings settings, long rowsLoaded, long entityRows, Duration load, Duration archive,
      Latency hot, Latency archived, boolean sameAnswer) {
    public void print(PrintStream out) {
      out.printf("rows loaded: %d (measured entity: %d), load %.1f s, archive %.1f s%n", rowsLoaded, entityRows,
          load.toMillis() / 1000.0, archive.toMillis() / 1000.0);
      out.printf("query: SPC, %d days, %d features, max_data_points %d; %d runs after %d warm-up%n",
          settings.days(), settings.features(), settings.maxDataPoints(), hot.runs(), settings.warmups());
      out.printf("hot (PostgreSQL):  p50 %.1f ms  p95 %.1f ms  min %.1f ms  max %.1f ms%n", hot.p50(), hot.p95(),
          hot.min(), hot.max());
      out.printf("archive (Iceberg): p50 %.1f ms  p95 %.1f ms  min %.1f ms  max %.1f ms%n", archived.p50(),
          archived.p95(), archived.min(), archived.max());
      out.printf("same answer hot and archived: %s%n", sameAnswer);
    }
  }

  private QueryLatencyBench() {}

  /** Starts an embedded PostgreSQL and a local warehouse in temporary directories, runs, prints. */
  public static void main(String[] args) throws Exception {
    Path root = Files.createTempDirectory("scouter-bench-",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    try (EmbeddedPostgres postgres = EmbeddedPostgres.start(EmbeddedPostgresOptions.of(root.resolve("data")))) {
      DatabaseUri database = DatabaseUri.parse(postgres.databaseUri("postgres")).orElseThrow();
      run(database, Files.createDirectory(root.resolve("warehouse")), Settings.defaults()).print(System.out);
    }
  }

  /** Runs the whole benchmark on an empty database and warehouse. */
  public static Report run(DatabaseUri database, Path warehouse, Settings settings) throws Exception {
    try (HotStore hotStore = HotStore.open(database, new PoolSize(4))) {
      ArchiveCatalog catalog = ArchiveCatalog.open(CatalogSettings.parse(null), hotStore.uri(),
          StorageSettings.fromEnvironment(Map.of("SCOUTER_STORAGE_URI", warehouse.toString())), new FileIOFactory());
      try {
        return run(hotStore, catalog, settings);
      } finally {
        catalog.close();
      }
    }
  }

  private static Report run(HotStore hotStore, ArchiveCatalog catalog, Settings settings) throws SQLException {
    // The service's own set-up (MetricsRoutes): file groups read in parallel, one per core up to 4.
    int parallelism = Math.min(4, Runtime.getRuntime().availableProcessors());
    ExecutorService scanThreads = Executors.newFixedThreadPool(parallelism);
    try {
      return benchmark(hotStore, catalog, settings, new ArchiveScanner(catalog, scanThreads, parallelism));
    } finally {
      scanThreads.shutdown();
    }
  }

  private static Report benchmark(HotStore hotStore, ArchiveCatalog catalog, Settings settings, ArchiveScanner scanner)
      throws SQLException {
    long started = System.nanoTime();
    long rows = load(hotStore, settings);
    analyze(hotStore);
    Duration load = Duration.ofNanos(System.nanoTime() - started);
    DriftReader reader = new DriftReader(hotStore.dataSource(), scanner);
    DriftQuery query = query(settings);
    SpcResult hotAnswer = reader.moments(query).spc();
    Latency hot = measure(reader, query, settings);

    started = System.nanoTime();
    archiveEverything(hotStore, catalog);
    Duration archive = Duration.ofNanos(System.nanoTime() - started);
    SpcResult archivedAnswer = reader.moments(query).spc();
    Latency archived = measure(reader, query, settings);
    return new Report(settings, rows, rows / (settings.otherEntities() + 1), load, archive, hot, archived,
        hotAnswer.equals(archivedAnswer));
  }

  public static DriftQuery query(Settings settings) {
    TimeWindow window = TimeWindow.between(WINDOW_END.minus(Duration.ofDays(settings.days())), WINDOW_END);
    return new DriftQuery(DriftType.SPC, "bench", "model", "1.0.0", Binning.of(window, settings.maxDataPoints()));
  }

  private static Latency measure(DriftReader reader, DriftQuery query, Settings settings) throws SQLException {
    for (int i = 0; i < settings.warmups(); i++) {
      reader.moments(query).spc();
    }
    double[] millis = new double[settings.runs()];
    for (int i = 0; i < settings.runs(); i++) {
      long started = System.nanoTime();
      reader.moments(query).spc();
      millis[i] = (System.nanoTime() - started) / 1e6;
    }
    return Latency.of(millis);
  }

  /** One row per minute and feature, for the measured entity and each neighbour. */
  private static long load(HotStore hotStore, Settings settings) throws SQLException {
    DriftRecordInserter inserter = new DriftRecordInserter(hotStore.dataSource());
    Random random = new Random(42);
    Instant begin = WINDOW_END.minus(Duration.ofDays(settings.days()));
    int minutes = settings.days() * 1440;
    long rows = 0;
    for (int entity = 0; entity <= settings.otherEntities(); entity++) {
      String space = entity == 0 ? "bench" : "neighbour-" + entity;
      List<DriftRecord> batch = new ArrayList<>();
      for (int minute = 0; minute < minutes; minute++) {
        Instant at = begin.plusSeconds(60L * minute);
        for (int feature = 0; feature < settings.features(); feature++) {
          batch.add(new DriftRecord.Spc(at, space, "model", "1.0.0", "feature_" + feature,
              feature + random.nextGaussian()));
        }
        if (batch.size() >= 50_000) {
          rows += inserter.insert(batch);
          batch.clear();
        }
      }
      rows += inserter.insert(batch);
    }
    return rows;
  }

  private static void analyze(HotStore hotStore) throws SQLException {
    try (Connection connection = hotStore.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("VACUUM ANALYZE " + DriftType.SPC.qualifiedTableName());
    }
  }

  /** Archives every row: the archiver's clock is put two days past the window, retention one day. */
  private static void archiveEverything(HotStore hotStore, ArchiveCatalog catalog) throws SQLException {
    Clock clock = Clock.fixed(WINDOW_END.plus(Duration.ofDays(2)), ZoneOffset.UTC);
    DataArchiver archiver = new DataArchiver(hotStore.dataSource(), catalog,
        ArchiverSettings.defaults(new RetentionPeriod(1)), new CopyRunFileWriter(),
        ArchiveFaults.NONE, clock, new MetricRegistry());
    ArchivePassResult result = archiver.archive();
    if (!result.succeeded()) {
      throw new IllegalStateException("Cannot archive the benchmark rows: " + result.summary());
    }
    analyze(hotStore);
  }
}
