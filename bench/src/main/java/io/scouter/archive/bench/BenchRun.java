package io.scouter.archive.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.scouter.archive.archiver.ArchivePassResult;
import io.scouter.archive.archiver.DataArchiver;
import io.scouter.archive.catalog.drift.DriftType;
import java.io.IOException;
import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The benchmark's steps, in an order where each figure sees the state it needs: load, latency hot
 * and of PostgreSQL's own SQL aggregate over the same rows, the two COPY reference points, the archive pass (heap watched), latency archived and pruning,
 * then the larger archive, then ingestion (into entities of its own, so nothing above sees it).
 */
final class BenchRun {
  /** The routes measured; PSI needs a reference profile first, so its figures are pruning only. */
  static final List<DriftType> QUERIED = List.of(DriftType.SPC, DriftType.CUSTOM);
  static final BenchEntity PROBED = BenchEntity.number(0);

  private final BenchParameters parameters;
  private final InProcessService service;
  private final Progress progress;
  private final DriftDataGenerator data;
  private final DataSource dataSource;
  private final HotTableLoader loader;
  private final LatencyMeasurement latency;
  private final LatencyMeasurement sql;
  private final LatencyMeasurement hotRows;
  private final LatencyMeasurement archiveRows;
  private final PlannedFiles plannedFiles;
  private final HttpClient http;
  private final ObjectMapper mapper;
  private final StepClock steps = new StepClock();
  private final DataArchiver archiver;

  BenchRun(BenchParameters parameters, InProcessService service, ObjectMapper mapper, Progress progress) {
    this.parameters = parameters;
    this.service = service;
    this.progress = progress;
    this.mapper = mapper;
    this.data = new DriftDataGenerator(parameters.features(), parameters.days());
    this.dataSource = service.archive().hotStore().dataSource();
    this.loader = new HotTableLoader(dataSource);
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    this.latency = new LatencyMeasurement(new HttpQueryProbe(http, service.uri(), mapper), parameters.warmup(),
        parameters.runs());
    this.sql = new LatencyMeasurement(new SqlAggregateProbe(dataSource, mapper), parameters.warmup(), parameters.runs());
    this.hotRows = new LatencyMeasurement(new HotStreamProbe(dataSource, mapper), parameters.warmup(), parameters.runs());
    this.archiveRows = new LatencyMeasurement(new ArchiveReadProbe(service.archive().catalog(),
        new ReadersSnapshot(dataSource), mapper), parameters.warmup(), parameters.runs());
    this.plannedFiles = new PlannedFiles(dataSource);
    this.archiver = service.archiver(steps);
  }

  BenchResults run() throws Exception {
    requireEmpty();
    List<QueryWindow> windows = QueryWindow.standard(data);
    Map<DriftType, Long> loaded = new EnumMap<>(DriftType.class);
    for (DriftType type : DriftType.values()) {
      loaded.put(type, load(type, 0, parameters.entities()));
    }
    vacuum();
    Map<DriftType, Map<QueryWindow, LatencyResult>> hot = latencies(latency, QUERIED, windows, "hot");
    Map<DriftType, Map<QueryWindow, LatencyResult>> sqlAggregate = latencies(sql, QUERIED, windows, "SQL aggregate");
    QueryWindow longest = windows.get(windows.size() - 1);
    LatencyResult hotStream = measured(hotRows, longest, "hot rows streamed, no bins");

    Instant cutoff = Instant.now().minus(Duration.ofDays(BenchConfiguration.RETENTION_DAYS));
    CpuMeter cpu = CpuMeter.forServer(dataSource);
    CopyThroughput reference = new CopyThroughput(dataSource, cpu);
    Map<DriftType, CopyThroughput.Timed> copy = new EnumMap<>(DriftType.class);
    Map<DriftType, CopyThroughput.Timed> write = new EnumMap<>(DriftType.class);
    progress.step("warming the writer up: %d untimed writes of every table, one commit into a scratch table",
        WriterWarmup.ROUNDS);
    new WriterWarmup(dataSource, service.archive().catalog(), reference).run(cutoff);
    for (DriftType type : DriftType.values()) {
      // Twice, keeping the faster: the first pass also warms the caches for everything after it.
      CopyThroughput.Timed first = reference.rawCopy(type, cutoff);
      CopyThroughput.Timed second = reference.rawCopy(type, cutoff);
      copy.put(type, first.elapsed().compareTo(second.elapsed()) <= 0 ? first : second);
      progress.step("binary COPY of %s: %s rows/s", type.tableName(),
          Figures.perSecond(copy.get(type).rows(), copy.get(type).elapsed()));
      write.put(type, reference.writeWithoutCommit(service.archive().catalog().table(type), type, cutoff));
      progress.step("COPY into Parquet (no commit) of %s: %s rows/s", type.tableName(),
          Figures.perSecond(write.get(type).rows(), write.get(type).elapsed()));
    }

    System.gc(); // the pass's heap figures then start from little more than the paired runs' garbage
    progress.step("%d rounds of archive runs into scratch tables, each after a binary COPY of the same rows",
        PairedArchiveRuns.PAIRS);
    Map<DriftType, PairedArchiveRuns.Result> paired = new PairedArchiveRuns(dataSource, service.archive().catalog(),
        reference, service.archive().settings()).measure(cutoff, loaded);
    for (DriftType type : DriftType.values()) {
      progress.step("archive run / COPY of %s: median %s", type.tableName(),
          Figures.ratio(paired.get(type).median().ratio()));
    }

    progress.step("archive pass over %s rows", Figures.count(total(loaded)));
    ArchivePassResult pass;
    HeapWatch.Result heap;
    Map<DriftType, Map<StepClock.Phase, Duration>> phases = new EnumMap<>(DriftType.class);
    CpuMeter.CpuTime passCpu;
    try (HeapWatch watch = HeapWatch.startWithoutCollecting()) {
      CpuMeter.Reading start = cpu.read();
      pass = archive(total(loaded));
      passCpu = cpu.since(start);
      heap = watch.result();
    }
    for (DriftType type : DriftType.values()) {
      phases.put(type, steps.phases(type));
    }
    progress.step("archive pass: %s rows/s", Figures.perSecond(pass.rows(), passDuration(pass)));
    Map<DriftType, Map<QueryWindow, LatencyResult>> archived = latencies(latency, QUERIED, windows, "archived");
    LatencyResult archiveRead = measured(archiveRows, longest, "archived rows read, no bins");
    Map<DriftType, Map<QueryWindow, PlannedFiles.Result>> pruning = new EnumMap<>(DriftType.class);
    for (DriftType type : DriftType.values()) {
      pruning.put(type, plan(type, windows));
    }
    Optional<BenchResults.Scaled> scaled = parameters.scale() > 1 ? Optional.of(scaled(windows)) : Optional.empty();
    Optional<IngestionProbe.Result> ingestion = parameters.ingestSeconds() > 0 ? Optional.of(ingest())
        : Optional.empty();
    if (parameters.ingestSeconds() > 0) { // (g), issue 18: its own table, printed as soon as it is measured
      System.out.print(new OldRecordIngestionBench(http, service.uri(), mapper, archiver, dataSource, progress)
          .measure(parameters.ingestBatch(), 30).plainText());
    }
    return new BenchResults(data, windows, loaded, copy, write, paired, pass, passCpu, phases, heap, hot, sqlAggregate,
        archived, pruning, new BenchResults.Breakdown(longest, hotStream, archiveRead), scaled, ingestion);
  }

  private BenchResults.Scaled scaled(List<QueryWindow> windows) throws Exception {
    int entities = parameters.entities() * parameters.scale();
    long added = load(DriftType.SPC, parameters.entities(), entities - parameters.entities());
    vacuum();
    progress.step("archive pass over %s more spc_drift rows (%d entities in all)", Figures.count(added), entities);
    ArchivePassResult pass = archive(added);
    Map<QueryWindow, LatencyResult> latencies = latencies(latency, List.of(DriftType.SPC), windows,
        entities + " entities archived").get(DriftType.SPC);
    return new BenchResults.Scaled(entities, added, pass, latencies, plan(DriftType.SPC, windows));
  }

  private IngestionProbe.Result ingest() throws InterruptedException {
    progress.step("ingestion: %d clients posting %s records per request for %d s", parameters.ingestClients(),
        Figures.count(parameters.ingestBatch()), parameters.ingestSeconds());
    IngestionProbe.Result result = new IngestionProbe(http, service.uri(), mapper)
        .measure(parameters.ingestClients(), parameters.ingestBatch(), Duration.ofSeconds(parameters.ingestSeconds()));
    progress.step("ingestion: %s records/s", result.error() == null
        ? Figures.count(Math.round(result.recordsPerSecond())) : result.error());
    return result;
  }

  private long load(DriftType type, int first, int count) throws SQLException, IOException {
    progress.step("loading %s rows into %s (entities %d..%d)", Figures.count(data.rows(type, count)),
        type.qualifiedTableName(), first, first + count - 1);
    long rows = loader.load(data, type, first, count);
    if (rows != data.rows(type, count)) {
      throw new IllegalStateException("Cannot trust the load of " + type.tableName() + ": " + rows
          + " rows stored, " + data.rows(type, count) + " generated");
    }
    return rows;
  }

  private void vacuum() throws SQLException {
    progress.step("VACUUM ANALYZE and CHECKPOINT of the hot tables");
    loader.vacuumAnalyze();
  }

  /** One real pass; a pass that fails or leaves rows behind makes every figure after it meaningless. */
  private ArchivePassResult archive(long expectedRows) {
    steps.start();
    ArchivePassResult pass = archiver.archive();
    if (!pass.succeeded() || pass.rows() != expectedRows) {
      throw new IllegalStateException("Cannot measure: the archive pass archived " + pass.rows() + " of "
          + expectedRows + " rows:\n" + pass.summary());
    }
    return pass;
  }

  static Duration passDuration(ArchivePassResult pass) {
    return Duration.between(pass.startedAt(), pass.finishedAt());
  }

  private Map<DriftType, Map<QueryWindow, LatencyResult>> latencies(LatencyMeasurement measurement,
      List<DriftType> types, List<QueryWindow> windows, String side) throws IOException, InterruptedException {
    Map<DriftType, Map<QueryWindow, LatencyResult>> results = new EnumMap<>(DriftType.class);
    for (DriftType type : types) {
      Map<QueryWindow, LatencyResult> byWindow = new LinkedHashMap<>();
      for (QueryWindow window : windows) {
        LatencyResult result = measurement.measure(type, PROBED, window);
        progress.step("%s %s query, %s: %s", side, type, window.label(), result.available()
            ? "p50 " + Figures.millis(result.p50()) + " ms, p95 " + Figures.millis(result.p95()) + " ms"
            : result.unavailable());
        byWindow.put(window, result);
      }
      results.put(type, byWindow);
    }
    return results;
  }

  private LatencyResult measured(LatencyMeasurement measurement, QueryWindow window, String what)
      throws IOException, InterruptedException {
    LatencyResult result = measurement.measure(DriftType.SPC, PROBED, window);
    progress.step("%s, %s: %s", what, window.label(), result.available()
        ? "p50 " + Figures.millis(result.p50()) + " ms" : result.unavailable());
    return result;
  }

  private Map<QueryWindow, PlannedFiles.Result> plan(DriftType type, List<QueryWindow> windows) throws SQLException {
    Map<QueryWindow, PlannedFiles.Result> results = new LinkedHashMap<>();
    for (QueryWindow window : windows) {
      plannedFiles.plan(service.archive().catalog().table(type), type, PROBED, window)
          .ifPresent(result -> results.put(window, result));
    }
    return results;
  }

  private static long total(Map<DriftType, Long> rows) {
    return rows.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The benchmark's rows and passes would mix with anything already there: only an empty store will do. */
  private void requireEmpty() throws SQLException {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      for (String table : List.of("scouter.spc_drift", "scouter.observed_bin_count", "scouter.custom_metric",
          "scouter.archive_state")) {
        try (ResultSet result = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM " + table + ")")) {
          result.next();
          if (result.getBoolean(1)) {
            throw new IllegalStateException("Cannot run the benchmark: " + table
                + " already holds rows; give --database-uri an empty database");
          }
        }
      }
    }
  }
}
