package io.scouter.archive.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.scouter.archive.archiver.ArchivePassResult;
import io.scouter.archive.catalog.drift.DriftType;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * (i) A year at a glance ({@code bench --year}): one more entity with 5 Spc features at one record
 * per minute for 365 days (2,628,000 rows), asked for the whole year in 500 bins: PostgreSQL's SQL
 * aggregate (one client), the hot route and, after an archive pass, the archived route, each one
 * client at a time and 16 at once; the heap is watched during the pass and the archived questions.
 */
final class YearWindowBench {
  static final BenchEntity ENTITY = BenchEntity.number(800);
  static final int FEATURES = 5;
  static final int DAYS = 365;
  static final int CLIENTS = 16;
  static final int PER_CLIENT = 3;
  private static final String NOT_MEASURED = "-";

  private final InProcessService service;
  private final Progress progress;
  private final DataSource dataSource;
  private final LatencyMeasurement route;
  private final LatencyMeasurement archivedRoute;
  private final LatencyMeasurement sql;
  private final ConcurrentLatency concurrentRoute;
  private final int runs;
  private final int warmup;
  private final int archivedRuns;
  private final int archivedWarmup;

  YearWindowBench(InProcessService service, BenchParameters parameters, ObjectMapper mapper, Progress progress) {
    this.service = service;
    this.progress = progress;
    this.dataSource = service.archive().hotStore().dataSource();
    this.runs = Math.min(parameters.runs(), 10);
    this.warmup = Math.min(parameters.warmup(), 2);
    // The archived question takes a quarter of a second, not seconds: it gets the runs the others do.
    this.archivedRuns = parameters.runs();
    this.archivedWarmup = parameters.warmup();
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpQueryProbe routeProbe = new HttpQueryProbe(http, service.uri(), mapper);
    SqlAggregateProbe sqlProbe = new SqlAggregateProbe(dataSource, mapper);
    this.route = new LatencyMeasurement(routeProbe, warmup, runs);
    this.archivedRoute = new LatencyMeasurement(routeProbe, archivedWarmup, archivedRuns);
    this.sql = new LatencyMeasurement(sqlProbe, warmup, runs);
    this.concurrentRoute = new ConcurrentLatency(routeProbe, CLIENTS, PER_CLIENT);
  }

  record Result(long rows, QueryWindow window, LatencyResult sql, LatencyResult hot,
      ConcurrentLatency.Result hotConcurrent, ArchivePassResult pass, HeapWatch.Result passHeap,
      LatencyResult archived, ConcurrentLatency.Result archivedConcurrent, HeapWatch.Result heap) {}

  Result run() throws Exception {
    DriftDataGenerator data = new DriftDataGenerator(FEATURES, DAYS);
    HotTableLoader loader = new HotTableLoader(dataSource);
    progress.step("(i) loading %s Spc rows of %s: %d features, %d days", Figures.count(data.rows(DriftType.SPC, 1)),
        ENTITY, FEATURES, DAYS);
    long rows = loader.load(data, DriftType.SPC, 800, 1);
    loader.vacuumAnalyze();
    QueryWindow window = QueryWindow.lastDays(data.end(), DAYS);
    LatencyResult sqlLatency = sequential(sql, window, "SQL aggregate");
    LatencyResult hot = sequential(route, window, "hot route");
    ConcurrentLatency.Result hotConcurrent = concurrent(concurrentRoute, window, "hot route");
    progress.step("(i) archive pass");
    ArchivePassResult pass;
    HeapWatch.Result passHeap;
    try (HeapWatch watch = HeapWatch.start()) {
      pass = service.archive().archiver().archive();
      passHeap = watch.result();
    }
    if (!pass.succeeded() || pass.rows() < rows) {
      throw new IllegalStateException("Cannot measure (i): the archive pass archived " + pass.rows() + " rows, "
          + rows + " expected:\n" + pass.summary());
    }
    LatencyResult archived;
    ConcurrentLatency.Result archivedConcurrent;
    HeapWatch.Result heap;
    try (HeapWatch watch = HeapWatch.start()) {
      archived = sequential(archivedRoute, window, "archived route");
      archivedConcurrent = concurrent(concurrentRoute, window, "archived route");
      heap = watch.result();
    }
    return new Result(rows, window, sqlLatency, hot, hotConcurrent, pass, passHeap, archived, archivedConcurrent,
        heap);
  }

  private LatencyResult sequential(LatencyMeasurement measurement, QueryWindow window, String what) throws Exception {
    LatencyResult result = measurement.measure(DriftType.SPC, ENTITY, window);
    progress.step("(i) %s, one client: %s", what, result.available()
        ? "p50 " + Figures.millis(result.p50()) + " ms, p95 " + Figures.millis(result.p95()) + " ms"
        : result.unavailable());
    return result;
  }

  private ConcurrentLatency.Result concurrent(ConcurrentLatency measurement, QueryWindow window, String what)
      throws Exception {
    ConcurrentLatency.Result result = measurement.measure(DriftType.SPC, ENTITY, window);
    progress.step("(i) %s, %d clients: %s, %d busy answers retried", what, CLIENTS, result.latency().available()
        ? "p50 " + Figures.millis(result.latency().p50()) + " ms, p95 " + Figures.millis(result.latency().p95())
        + " ms" : result.latency().unavailable(), result.rejected());
    return result;
  }

  FigureTable table(Result result) {
    FigureTable.Builder table = FigureTable.builder(String.format(Locale.ROOT,
            "(i) A 365-day window: one entity, %d Spc features, %s rows, %d bins asked, ms", FEATURES,
            Figures.count(result.rows()), HttpQueryProbe.MAX_DATA_POINTS),
        "question", "1 client p50", "1 client p95", CLIENTS + " clients p50", CLIENTS + " clients p95",
        "busy (503) retried");
    table.row("PostgreSQL's SQL aggregate (hot rows)", millis(result.sql(), true), millis(result.sql(), false),
        NOT_MEASURED, NOT_MEASURED, NOT_MEASURED);
    row(table, "hot route", result.hot(), result.hotConcurrent());
    row(table, "archived route", result.archived(), result.archivedConcurrent());
    return table
        .note(String.format(Locale.ROOT, "1 client: SQL and hot %d runs after %d warm-up (each takes seconds),"
            + " archived %d runs after %d warm-up; %d clients: each one warm-up then %d timed questions, back to"
            + " back; a 503 is retried after 200 ms and its question timed from the first attempt.", runs, warmup,
            archivedRuns, archivedWarmup, CLIENTS, PER_CLIENT))
        .note("archive pass before the archived questions: " + Figures.count(result.pass().rows()) + " rows in "
            + Figures.secondsText(BenchRun.passDuration(result.pass())) + " s, peak heap "
            + Figures.mebibytes(result.passHeap().peakAfterGcBytes()) + " after GC; heap while the archived questions ran:"
            + " peak " + Figures.mebibytes(result.heap().peakAfterGcBytes()) + " after GC, "
            + Figures.mebibytes(result.heap().peakUsedBytes()) + " used with garbage, of "
            + Figures.mebibytes(result.heap().maxHeapBytes()) + " max.")
        .build();
  }

  private static void row(FigureTable.Builder table, String question, LatencyResult oneClient,
      ConcurrentLatency.Result many) {
    table.row(question, millis(oneClient, true), millis(oneClient, false), millis(many.latency(), true),
        millis(many.latency(), false), Integer.toString(many.rejected()));
  }

  private static String millis(LatencyResult result, boolean median) {
    if (!result.available()) {
      return result.unavailable();
    }
    return Figures.millis(median ? result.p50() : result.p95());
  }

  /** The section for BENCHMARKS.md. */
  String markdown(FigureTable table, Instant date, MachineDescription machine) {
    return "\n## " + date.toString().substring(0, 10) + " — (i) a 365-day window (`bench --year`)\n\n"
        + "**Machine.** " + machine.cores() + " cores, " + machine.cpu() + ", " + machine.memory() + "; "
        + machine.jdk() + "; " + machine.os() + "; " + machine.postgres() + "; " + machine.load() + ".\n\n"
        + table.markdown();
  }
}
