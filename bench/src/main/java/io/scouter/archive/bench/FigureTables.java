package io.scouter.archive.bench;

import static io.scouter.archive.bench.Figures.NOT_AVAILABLE;

import io.scouter.archive.archiver.ArchivePassResult;
import io.scouter.archive.archiver.run.TableRunResult;
import io.scouter.archive.catalog.drift.DriftType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The figures of one run as tables (a) to (f), (h) and the targets; pure formatting, no measuring. */
final class FigureTables {
  private static final long TARGET_HEAP_BYTES = 512L * 1024 * 1024;

  private final BenchResults results;
  private final BenchParameters parameters;

  FigureTables(BenchResults results, BenchParameters parameters) {
    this.results = results;
    this.parameters = parameters;
  }

  List<FigureTable> all() {
    List<FigureTable> tables = new ArrayList<>(List.of(throughput(), pairedRuns(), cpu(), passSteps(), latency(),
        sqlAggregate(), breakdown(), pruning(), heap()));
    results.scaled().ifPresent(scaled -> tables.add(scale(scaled)));
    results.ingestion().ifPresent(ingestion -> tables.add(ingestion(ingestion)));
    tables.add(targets());
    return tables;
  }

  FigureTable throughput() {
    FigureTable.Builder table = FigureTable.builder("(a) Archive throughput: PostgreSQL -> committed Iceberg",
        "table", "rows", "binary COPY rows/s", "COPY->Parquet rows/s", "archive pass s", "archive pass rows/s",
        "pass / COPY");
    long rows = 0;
    Duration copy = Duration.ZERO;
    Duration write = Duration.ZERO;
    for (DriftType type : DriftType.values()) {
      CopyThroughput.Timed copied = results.copy().get(type);
      TableRunResult archived = tableResult(results.pass(), type);
      table.row(type.tableName(), Figures.count(archived.rows()), Figures.perSecond(copied.rows(), copied.elapsed()),
          Figures.perSecond(results.write().get(type).rows(), results.write().get(type).elapsed()),
          Figures.secondsText(archived.duration()), Figures.perSecond(archived.rows(), archived.duration()),
          Figures.ratio(tablePassToCopy(type)));
      rows += copied.rows();
      copy = copy.plus(copied.elapsed());
      write = write.plus(results.write().get(type).elapsed());
    }
    Duration pass = BenchRun.passDuration(results.pass());
    table.row("all", Figures.count(results.pass().rows()), Figures.perSecond(rows, copy),
        Figures.perSecond(rows, write), Figures.secondsText(pass), Figures.perSecond(results.pass().rows(), pass),
        Figures.ratio(passToCopy()));
    int files = results.pass().tables().stream().mapToInt(TableRunResult::files).sum();
    long bytes = results.pass().tables().stream().mapToLong(TableRunResult::bytes).sum();
    return table
        .note("binary COPY: the archiver's own COPY statement (same rows, columns, order), bytes discarded;"
            + " best of 2.")
        .note("COPY->Parquet: the archiver's writer over the same rows on one connection, files not committed (then "
            + "deleted); the pass copies a run of 100,000 rows or more over several days on two connections at once.")
        .note("archive pass: DataArchiver.archive(), plan + COPY->Parquet + Iceberg commit + finish; "
            + Figures.count(files) + " data files, " + Figures.mebibytes(bytes) + ".")
        .note("all three after a warm-up of " + WriterWarmup.ROUNDS + " untimed writes of every table and one"
            + " commit of each into a scratch table (dropped), as earlier passes warm a running service; the pass"
            + " also after the paired runs below.")
        .build();
  }

  FigureTable pairedRuns() {
    FigureTable.Builder table = FigureTable.builder(
        "(a) Archive runs against the binary COPY, pair by pair (" + PairedArchiveRuns.PAIRS + " pairs per table)",
        "table", "rows", "median pair: COPY s", "median pair: run s", "run / COPY, median", "slowest pair",
        "fastest pair");
    for (DriftType type : DriftType.values()) {
      PairedArchiveRuns.Result paired = results.pairedRuns().get(type);
      PairedArchiveRuns.Pair median = paired.median();
      table.row(type.tableName(), Figures.count(paired.rows()), Figures.secondsText(median.copy()),
          Figures.secondsText(median.run()), Figures.ratio(median.ratio()), Figures.ratio(paired.slowest().ratio()),
          Figures.ratio(paired.fastest().ratio()));
    }
    return table
        .note("each pair: the archiver's binary COPY of the table's expired rows (bytes discarded), then at once the"
            + " archive pass's own step for that table (TableArchiver: plan, COPY->Parquet on two connections, Iceberg"
            + " commit, finish) over the same rows into a scratch table, dropped afterwards with the run's records;"
            + " in rounds, one pair of every table per round.")
        .note("run / COPY: the run's rows/s over the COPY's; the median of the pairs' ratios, a measured pair. These"
            + " runs come before the archive pass above and warm it as earlier hourly passes warm a service.")
        .build();
  }

  FigureTable cpu() {
    FigureTable.Builder table = FigureTable.builder("(a) CPU behind the write figures, seconds",
        "step", "wall", "PostgreSQL CPU", "JVM CPU", "cores busy");
    for (DriftType type : DriftType.values()) {
      cpuRow(table, "binary COPY, " + type.tableName(), results.copy().get(type).cpu());
      cpuRow(table, "COPY->Parquet, " + type.tableName(), results.write().get(type).cpu());
    }
    cpuRow(table, "archive pass, all tables", results.passCpu());
    return table
        .note("CPU time of this JVM and of the embedded server's processes over the step; cores busy = both over"
            + " the wall time, out of " + Runtime.getRuntime().availableProcessors() + ". '-': PostgreSQL's"
            + " share is unknown (a server of its own).")
        .build();
  }

  private static void cpuRow(FigureTable.Builder table, String step, CpuMeter.CpuTime cpu) {
    table.row(step, Figures.secondsText(cpu.wall()),
        cpu.postgres().map(Figures::secondsText).orElse("-"), Figures.secondsText(cpu.jvm()),
        cpu.busyCores().map(cores -> String.format(Locale.ROOT, "%.2f", cores)).orElse("-"));
  }

  FigureTable passSteps() {
    FigureTable.Builder table = FigureTable.builder("(a) The archive pass step by step, seconds",
        "table", "plan", "COPY->Parquet", "Iceberg commit", "finish", "pass");
    for (DriftType type : DriftType.values()) {
      Map<StepClock.Phase, Duration> phases = results.passPhases().get(type);
      table.row(type.tableName(), Figures.secondsText(phases.get(StepClock.Phase.PLAN)),
          Figures.secondsText(phases.get(StepClock.Phase.WRITE)),
          Figures.secondsText(phases.get(StepClock.Phase.COMMIT)),
          Figures.secondsText(phases.get(StepClock.Phase.FINISH)),
          Figures.secondsText(tableResult(results.pass(), type).duration()));
    }
    return table
        .note("plan: the run's REPEATABLE READ snapshot, the row counts that bound it and its record; finish: the"
            + " archive state moved to the run's snapshot and watermark (one row). Timed at the archiver's step hook.")
        .build();
  }

  FigureTable sqlAggregate() {
    FigureTable.Builder table = FigureTable.builder(String.format(Locale.ROOT,
            "(h) Our routes against PostgreSQL's own SQL aggregate over the same rows, ms (%d runs after %d warm-up)",
            parameters.runs(), parameters.warmup()),
        "question, window", "SQL p50", "SQL p95", "hot p50", "archive p50", "hot / SQL", "archive / SQL");
    for (DriftType type : BenchRun.QUERIED) {
      for (QueryWindow window : results.windows()) {
        LatencyResult sql = results.sqlAggregate().get(type).get(window);
        LatencyResult hot = results.hot().get(type).get(window);
        LatencyResult archived = results.archived().get(type).get(window);
        table.row(type.wireName() + ", " + window.label(), p50(sql), p95(sql), p50(hot), p50(archived),
            ratioP50(hot, sql), ratioP50(archived, sql));
      }
    }
    return table.note("SQL: SELECT series, date_bin(width, created_at, epoch), avg(value)[, stddev_samp(value)] ... GROUP BY"
            + " over the hot table, as the original server answers, run while every row is hot, read to the last row"
            + " over JDBC (no HTTP, no JSON). hot and archive: the routes of (b), over HTTP.")
        .build();
  }

  FigureTable breakdown() {
    QueryWindow window = results.breakdown().window();
    long rows = results.data().rowsPerEntity(DriftType.SPC, window.days());
    FigureTable.Builder table = FigureTable.builder("(j) Where the time goes: the Spc question over " + window.label()
        + " (" + Figures.count(rows) + " rows), p50", "step", "ms", "ns per row");
    Optional<Duration> planning = Optional.ofNullable(results.pruning().get(DriftType.SPC))
        .map(byWindow -> byWindow.get(window)).map(PlannedFiles.Result::planning);
    addStep(table, "hot: the rows streamed out of PostgreSQL over JDBC, no bins", results.breakdown().hotStream(), rows);
    addStep(table, "hot: the route, end to end over HTTP (b)", results.hot().get(DriftType.SPC).get(window), rows);
    addStep(table, "PostgreSQL's SQL aggregate (h)", results.sqlAggregate().get(DriftType.SPC).get(window), rows);
    table.row("archive: planning the scan (c)", planning.map(Figures::millis).orElse(NOT_AVAILABLE),
        planning.map(elapsed -> perRow(elapsed, rows)).orElse(NOT_AVAILABLE));
    addStep(table, "archive: planning and reading the Parquet files on one thread, no bins",
        results.breakdown().archiveRead(), rows);
    addStep(table, "archive: the route, end to end over HTTP (b)", results.archived().get(DriftType.SPC).get(window),
        rows);
    return table.note("On each side the route includes the plain read above it: the gap is binning, exact sums,"
        + " merging parallel file groups (archive), HTTP and JSON. The plain archive read runs on one thread; the"
        + " route reads file groups in parallel.").build();
  }

  private static void addStep(FigureTable.Builder table, String step, LatencyResult result, long rows) {
    table.row(step, p50(result), result.available() ? perRow(result.p50(), rows) : NOT_AVAILABLE);
  }

  private static String perRow(Duration elapsed, long rows) {
    return String.format(Locale.ROOT, "%.0f", elapsed.toNanos() / (double) rows);
  }

  FigureTable latency() {
    FigureTable.Builder table = FigureTable.builder(String.format(Locale.ROOT,
            "(b) Binned-metric latency, one entity, ms (%d runs after %d warm-up; %d bins asked)", parameters.runs(),
            parameters.warmup(), HttpQueryProbe.MAX_DATA_POINTS),
        "route, window", "rows", "bins", "hot p50", "hot p95", "archive p50", "archive p95", "archive / hot",
        "same answer");
    List<String> unavailable = new ArrayList<>();
    for (DriftType type : BenchRun.QUERIED) {
      for (QueryWindow window : results.windows()) {
        LatencyResult hot = results.hot().get(type).get(window);
        LatencyResult archived = results.archived().get(type).get(window);
        table.row(type.wireName() + ", " + window.label(), Figures.count(results.data().rowsPerEntity(type,
                window.days())), archived.bins().or(hot::bins).map(String::valueOf).orElse(NOT_AVAILABLE),
            p50(hot), p95(hot), p50(archived), p95(archived), ratioP50(archived, hot),
            hot.available() && archived.available() ? (hot.lastAnswer().equals(archived.lastAnswer()) ? "yes" : "NO")
                : NOT_AVAILABLE);
        Optional.ofNullable(hot.unavailable()).filter(reason -> !unavailable.contains(reason))
            .ifPresent(unavailable::add);
        Optional.ofNullable(archived.unavailable()).filter(reason -> !unavailable.contains(reason))
            .ifPresent(unavailable::add);
      }
    }
    table.note("GET /scouter/drift/{type} of the running service over loopback HTTP, end to end; hot: before"
        + " the archive pass (every row in PostgreSQL), archive: after it (every row in Iceberg).");
    unavailable.forEach(reason -> table.note(reason.contains("route not available")
        ? "n/a: the service answered 404 Not Found: this build has no GET /scouter/drift/{type} route yet, and no"
            + " figure is made up"
        : reason));
    return table.build();
  }

  FigureTable pruning() {
    FigureTable.Builder table = FigureTable.builder("(c) Pruning: data files planned / total, one entity",
        "table, window", "planned", "total", "planning ms");
    for (DriftType type : DriftType.values()) {
      for (QueryWindow window : results.windows()) {
        PlannedFiles.Result planned = results.pruning().get(type).get(window);
        table.row(type.tableName() + ", " + window.label(), Figures.count(planned.planned()),
            Figures.count(planned.total()), Figures.millis(planned.planning()));
      }
    }
    return table.note("Iceberg scan of the readers' snapshot (scouter.archive_state) filtered on the entity and the"
        + " window, counted with planFiles(); partitions are day x entity.").build();
  }

  FigureTable heap() {
    HeapWatch.Result heap = results.heap();
    return FigureTable.builder("(d) Heap during the archive pass", "figure", "value")
        .row("max heap (-Xmx)", Figures.mebibytes(heap.maxHeapBytes()))
        .row("peak heap after GC",
            heap.peakAfterGcBytes() < 0 ? "no GC ran" : Figures.mebibytes(heap.peakAfterGcBytes()))
        .row("peak heap used, garbage included", Figures.mebibytes(heap.peakUsedBytes()))
        .row("GCs, total GC time", heap.collections() + ", " + heap.collectionTime().toMillis() + " ms")
        .note("the whole JVM (service, Jetty, the pass) sampled every 5 ms; after GC is what was really live.")
        .note("no collection right before the pass, which would slow its first table: 'garbage included' counts"
            + " what the paired runs before it left.")
        .build();
  }

  FigureTable scale(BenchResults.Scaled scaled) {
    int base = parameters.entities();
    FigureTable.Builder table = FigureTable.builder("(e) Archive size: Spc latency (ms) and files for one entity, "
            + base + " vs " + scaled.entities() + " entities archived",
        "window", "rows", "p50 " + base, "p50 " + scaled.entities(), "ratio p50", "p95 " + base,
        "p95 " + scaled.entities(), "files " + base, "files " + scaled.entities());
    for (QueryWindow window : results.windows()) {
      LatencyResult small = results.archived().get(DriftType.SPC).get(window);
      LatencyResult large = scaled.latency().get(window);
      PlannedFiles.Result smallFiles = results.pruning().get(DriftType.SPC).get(window);
      PlannedFiles.Result largeFiles = scaled.pruning().get(window);
      table.row(window.label(), Figures.count(results.data().rowsPerEntity(DriftType.SPC, window.days())),
          p50(small), p50(large), ratioP50(large, small), p95(small), p95(large),
          smallFiles.planned() + " / " + smallFiles.total(), largeFiles.planned() + " / " + largeFiles.total());
    }
    Duration pass = BenchRun.passDuration(scaled.pass());
    return table.note("the larger archive: " + Figures.count(scaled.rowsAdded()) + " more spc_drift rows archived"
        + " by a second pass in " + Figures.secondsText(pass) + " s (" + Figures.perSecond(scaled.rowsAdded(), pass)
        + " rows/s).").build();
  }

  FigureTable ingestion(IngestionProbe.Result ingestion) {
    FigureTable.Builder table = FigureTable.builder("(f) Ingestion: POST /scouter/drift",
        "records/request", "clients", "requests", "records inserted", "seconds", "records/s", "request p50 ms",
        "request p95 ms");
    if (ingestion.batchTimes().isEmpty()) {
      table.row(Figures.count(ingestion.batchSize()), String.valueOf(ingestion.clients()), "0", "0", NOT_AVAILABLE,
          NOT_AVAILABLE, NOT_AVAILABLE, NOT_AVAILABLE);
    } else {
      table.row(Figures.count(ingestion.batchSize()), String.valueOf(ingestion.clients()),
          Figures.count(ingestion.batches()), Figures.count(ingestion.inserted()),
          Figures.secondsText(ingestion.elapsed()), Figures.count(Math.round(ingestion.recordsPerSecond())),
          Figures.millis(Percentiles.of(ingestion.batchTimes(), 50)),
          Figures.millis(Percentiles.of(ingestion.batchTimes(), 95)));
    }
    table.note("new records only (Spc, Psi, Custom in turn), each request one transaction; clients run in this"
        + " JVM, on the same cores as the service.");
    if (ingestion.error() != null) {
      table.note("stopped early: " + ingestion.error());
    }
    return table.build();
  }

  FigureTable targets() {
    FigureTable.Builder table = FigureTable.builder("Targets (stated, not asserted)", "target", "measured",
        "verdict");
    double archiveToCopy = passToCopy();
    table.row("archive pass >= 0.8x the binary COPY rate overall", Figures.ratio(archiveToCopy),
        verdict(archiveToCopy >= 0.8, false));
    DriftType slowest = List.of(DriftType.values()).stream()
        .min((a, b) -> Double.compare(pairedRunToCopy(a), pairedRunToCopy(b))).orElseThrow();
    table.row("archive pass >= 0.5x the binary COPY rate for every table (median of paired runs)",
        Figures.ratio(pairedRunToCopy(slowest)) + " (" + slowest.tableName() + "; in the single pass above "
            + Figures.ratio(tablePassToCopy(slowest)) + ")",
        verdict(pairedRunToCopy(slowest) >= 0.5, false));
    QueryWindow longest = results.windows().get(results.windows().size() - 1);
    LatencyResult hot = results.hot().get(DriftType.SPC).get(longest);
    LatencyResult sql = results.sqlAggregate().get(DriftType.SPC).get(longest);
    LatencyResult archived = results.archived().get(DriftType.SPC).get(longest);
    Optional<Double> archiveToSql = ratio(archived, sql);
    table.row("archived " + longest.label() + " Spc query <= 0.3x the SQL aggregate (p50)",
        archiveToSql.map(Figures::ratio).orElse(NOT_AVAILABLE),
        archiveToSql.map(ratio -> verdict(ratio <= 0.3, false)).orElse(NOT_AVAILABLE));
    Optional<Double> hotToSql = ratio(hot, sql);
    table.row("hot " + longest.label() + " Spc query <= the SQL aggregate (p50)",
        hotToSql.map(Figures::ratio).orElse(NOT_AVAILABLE),
        hotToSql.map(ratio -> verdict(ratio <= 1.0, false)).orElse(NOT_AVAILABLE));
    Optional<Double> largeToSmall = results.scaled().flatMap(scaled -> ratio(scaled.latency().get(longest), archived));
    table.row("10x archive -> <= 1.2x latency (" + longest.label() + ", p50)",
        largeToSmall.map(Figures::ratio).orElse(NOT_AVAILABLE),
        largeToSmall.map(ratio -> verdict(ratio <= 1.2, false)).orElse(NOT_AVAILABLE));
    long peak = results.heap().peakAfterGcBytes();
    table.row("archive pass peak heap < 512 MiB", peak < 0 ? NOT_AVAILABLE : Figures.mebibytes(peak)
        + " after GC under " + Figures.mebibytes(results.heap().maxHeapBytes()) + " max",
        peak < 0 ? NOT_AVAILABLE : verdict(peak < TARGET_HEAP_BYTES, false));
    return table.build();
  }

  private double pairedRunToCopy(DriftType type) {
    return results.pairedRuns().get(type).median().ratio();
  }

  private double tablePassToCopy(DriftType type) {
    CopyThroughput.Timed copied = results.copy().get(type);
    TableRunResult archived = tableResult(results.pass(), type);
    return rate(archived.rows(), archived.duration()) / rate(copied.rows(), copied.elapsed());
  }

  double passToCopy() {
    long rows = 0;
    Duration copy = Duration.ZERO;
    for (CopyThroughput.Timed copied : results.copy().values()) {
      rows += copied.rows();
      copy = copy.plus(copied.elapsed());
    }
    return rate(results.pass().rows(), BenchRun.passDuration(results.pass())) / rate(rows, copy);
  }

  private static String verdict(boolean met, boolean stretchMet) {
    return stretchMet ? "met (stretch too)" : met ? "met" : "not met";
  }

  private static TableRunResult tableResult(ArchivePassResult pass, DriftType type) {
    return pass.tables().stream().filter(table -> table.type() == type).findFirst()
        .orElseThrow(() -> new IllegalStateException("Cannot find " + type.tableName() + " in the archive pass"));
  }

  private static double rate(long rows, Duration elapsed) {
    return rows / Figures.seconds(elapsed);
  }

  private static String p50(LatencyResult result) {
    return result.available() ? Figures.millis(result.p50()) : NOT_AVAILABLE;
  }

  private static String p95(LatencyResult result) {
    return result.available() ? Figures.millis(result.p95()) : NOT_AVAILABLE;
  }

  private static String ratioP50(LatencyResult numerator, LatencyResult denominator) {
    return ratio(numerator, denominator).map(Figures::ratio).orElse(NOT_AVAILABLE);
  }

  private static Optional<Double> ratio(LatencyResult numerator, LatencyResult denominator) {
    if (numerator == null || denominator == null || !numerator.available() || !denominator.available()) {
      return Optional.empty();
    }
    return Optional.of(numerator.p50().toNanos() / (double) denominator.p50().toNanos());
  }
}
