package io.scouter.archive.bench;

import io.scouter.archive.archiver.ArchivePassResult;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** What a load run measured, and its BENCHMARKS.md section. */
record LoadTestResult(int clients, Duration duration, Samples queries, Samples ingestion,
    List<ArchivePassResult> passes, long ingested, ArchiveCount count) {

  /** The query windows, relative to the start of the run; retention is one day. */
  enum Window {
    HOT(Duration.ofHours(12), Duration.ZERO),
    ARCHIVED(Duration.ofDays(7), Duration.ofDays(3)),
    STRADDLING(Duration.ofDays(2), Duration.ofHours(6));

    private final Duration beginAgo;
    private final Duration endAgo;

    Window(Duration beginAgo, Duration endAgo) {
      this.beginAgo = beginAgo;
      this.endAgo = endAgo;
    }

    Duration beginAgo() {
      return beginAgo;
    }

    Duration endAgo() {
      return endAgo;
    }
  }

  /** Latencies and errors per kind of request; filled by one thread, merged afterwards. */
  static final class Samples {
    private final Map<String, List<Duration>> latencies = new TreeMap<>();
    private final List<String> errors = new ArrayList<>();

    void add(String kind, Duration latency, String error) {
      latencies.computeIfAbsent(kind, k -> new ArrayList<>()).add(latency);
      if (error != null) {
        errors.add(kind + ": " + error);
      }
    }

    static Samples merge(List<Samples> parts) {
      Samples merged = new Samples();
      for (Samples part : parts) {
        part.latencies.forEach((kind, list) -> merged.latencies.computeIfAbsent(kind, k -> new ArrayList<>())
            .addAll(list));
        merged.errors.addAll(part.errors);
      }
      return merged;
    }

    long errorCount(String kind) {
      return errors.stream().filter(error -> error.startsWith(kind + ":")).count();
    }
  }

  boolean invariantHolds() {
    return count.deleteFiles() == 0 && count.hotUnarchived() + count.archived() == ingested;
  }

  boolean passed() {
    return queries.errors.isEmpty() && ingestion.errors.isEmpty() && invariantHolds()
        && passes.stream().allMatch(ArchivePassResult::succeeded);
  }

  String failureSummary() {
    List<String> problems = new ArrayList<>(queries.errors.stream().limit(5).toList());
    problems.addAll(ingestion.errors.stream().limit(5).toList());
    passes.stream().filter(pass -> !pass.succeeded()).limit(3).forEach(pass -> problems.add(pass.summary()));
    if (!invariantHolds()) {
      problems.add("invariant: ingested " + ingested + " != hot " + count.hotUnarchived() + " + archived "
          + count.archived() + " (delete files " + count.deleteFiles() + ")");
    }
    return String.join("; ", problems);
  }

  String markdown(Instant date, String loadAtStart) {
    StringBuilder text = new StringBuilder();
    text.append("## Load test (issue 12), ").append(DateTimeFormatter.ISO_LOCAL_DATE.format(date.atOffset(
        ZoneOffset.UTC))).append("\n\n");
    text.append(String.format(Locale.ROOT, "`java -jar api/target/scouter-archive.jar load-test --clients %d "
        + "--seconds %d`: %d query clients for %d s on loopback, while one client ingests batches of 50 and "
        + "archive passes run back to back. Machine: %d cores (%s), load average at start %s.%n%n", clients,
        duration.toSeconds(), clients, duration.toSeconds(), Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.name") + " " + System.getProperty("os.arch"), loadAtStart));
    text.append("| requests | count | per second | p50 ms | p95 ms | p99 ms | errors |\n");
    text.append("|---|---:|---:|---:|---:|---:|---:|\n");
    for (Samples samples : List.of(queries, ingestion)) {
      samples.latencies.forEach((kind, list) -> text.append(row(kind, list, samples.errorCount(kind))));
    }
    long archivedRows = passes.stream().mapToLong(ArchivePassResult::rows).sum();
    text.append(String.format(Locale.ROOT, "%nArchive passes during and after the load: %d (%d failed), %d rows "
        + "moved. Invariant: ingested %d = hot not archived %d + Iceberg at archive_state %d: %s.%n", passes.size(),
        passes.stream().filter(pass -> !pass.succeeded()).count(), archivedRows, ingested, count.hotUnarchived(),
        count.archived(), invariantHolds() ? "holds" : "BROKEN"));
    return text.toString();
  }

  private String row(String kind, List<Duration> latencies, long errors) {
    return String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.1f | %d |%n",
        kind.toLowerCase(Locale.ROOT), latencies.size(), latencies.size() / (double) duration.toMillis() * 1000,
        millis(latencies, 50), millis(latencies, 95), millis(latencies, 99), errors);
  }

  private static double millis(List<Duration> latencies, double percentile) {
    return Percentiles.of(latencies, percentile).toNanos() / 1_000_000.0;
  }
}
