package io.scouter.archive.bench;

import io.scouter.archive.archiver.ArchivePassResult;
import io.scouter.archive.archiver.DataArchiver;
import io.scouter.archive.catalog.drift.DriftRecord;
import io.scouter.archive.catalog.hotstore.DriftRecordInserter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One load run: seeds eight days of SPC records (all but the last day archived by a first pass),
 * then for the given time runs N query clients (hot, archived and straddling windows in turn), one
 * ingestion client (half its records recent, half two days old, so archive passes have work) and
 * back-to-back archive passes; then checks the archive invariant.
 */
final class LoadTest {
  static final int ENTITIES = 4;
  private static final Duration SEED_SPACING = Duration.ofMinutes(5);
  private static final int INGEST_BATCH = 50;

  private final InProcessService service;
  private final int clients;
  private final Duration duration;
  private final Progress progress;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  LoadTest(InProcessService service, int clients, int seconds, Progress progress) {
    this.service = service;
    this.clients = clients;
    this.duration = Duration.ofSeconds(seconds);
    this.progress = progress;
  }

  LoadTestResult run() throws Exception {
    long seeded = seed();
    ArchivePassResult first = service.archive().archiver().archive();
    progress.step("seeded %d records, first archive pass moved %d", seeded, first.rows());
    long deadline = System.nanoTime() + duration.toNanos();
    ExecutorService threads = Executors.newFixedThreadPool(clients + 2);
    try {
      List<Future<LoadTestResult.Samples>> queries = new ArrayList<>();
      for (int client = 0; client < clients; client++) {
        int offset = client;
        queries.add(threads.submit(() -> queryUntil(deadline, offset)));
      }
      AtomicLong ingested = new AtomicLong();
      Future<LoadTestResult.Samples> ingestion = threads.submit(() -> ingestUntil(deadline, ingested));
      Future<List<ArchivePassResult>> passes = threads.submit(() -> archiveUntil(deadline));
      List<LoadTestResult.Samples> querySamples = new ArrayList<>();
      for (Future<LoadTestResult.Samples> query : queries) {
        querySamples.add(query.get());
      }
      LoadTestResult.Samples ingestSamples = ingestion.get();
      List<ArchivePassResult> archivePasses = new ArrayList<>(passes.get());
      archivePasses.add(service.archive().archiver().archive());
      progress.step("load done: %d archive passes; checking the invariant", archivePasses.size());
      ArchiveCount count = ArchiveCount.of(service.archive());
      return new LoadTestResult(clients, duration, LoadTestResult.Samples.merge(querySamples), ingestSamples,
          archivePasses, seeded + ingested.get(), count);
    } finally {
      threads.shutdownNow();
    }
  }

  private long seed() throws Exception {
    DriftRecordInserter inserter = new DriftRecordInserter(service.archive().hotStore().dataSource());
    long total = 0;
    for (int entity = 0; entity < ENTITIES; entity++) {
      List<DriftRecord> records = new ArrayList<>();
      for (Instant at = now.minus(Duration.ofDays(8)); at.isBefore(now); at = at.plus(SEED_SPACING)) {
        records.add(new DriftRecord.Spc(at, "load", "model-" + entity, "v1", "f1", at.getEpochSecond() % 97));
      }
      total += inserter.insert(records);
    }
    return total;
  }

  private LoadTestResult.Samples queryUntil(long deadline, int offset) {
    LoadTestResult.Samples samples = new LoadTestResult.Samples();
    for (int request = offset; System.nanoTime() < deadline; request++) {
      LoadTestResult.Window window = LoadTestResult.Window.values()[request % 3];
      Instant begin = now.minus(window.beginAgo());
      Instant end = now.minus(window.endAgo());
      URI uri = service.uri().resolve("/scouter/drift/spc?space=load&name=model-" + (request % ENTITIES)
          + "&version=v1&max_data_points=100&begin_custom_datetime=" + begin + "&end_custom_datetime=" + end);
      long started = System.nanoTime();
      String error = get(uri);
      samples.add(window.name(), Duration.ofNanos(System.nanoTime() - started), error);
    }
    return samples;
  }

  private String get(URI uri) {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(1))
          .header("Authorization", BenchKey.HEADER).GET().build(), HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? null : "HTTP " + response.statusCode() + " " + response.body();
    } catch (Exception e) {
      return e.toString();
    }
  }

  private LoadTestResult.Samples ingestUntil(long deadline, AtomicLong ingested) {
    LoadTestResult.Samples samples = new LoadTestResult.Samples();
    for (int batch = 0; System.nanoTime() < deadline; batch++) {
      StringBuilder body = new StringBuilder("{\"records\":[");
      for (int i = 0; i < INGEST_BATCH; i++) {
        Instant at = (i % 2 == 0 ? now : now.minus(Duration.ofDays(2))).plusMillis(batch * 1000L + i);
        body.append(i == 0 ? "" : ",").append("{\"Spc\":{\"created_at\":\"").append(at)
            .append("\",\"space\":\"load\",\"name\":\"model-").append(i % ENTITIES)
            .append("\",\"version\":\"v1\",\"feature\":\"f1\",\"value\":").append(i).append("}}");
      }
      body.append("]}");
      long started = System.nanoTime();
      String error;
      try {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(service.uri().resolve("/scouter/drift"))
            .timeout(Duration.ofMinutes(1)).header("Authorization", BenchKey.HEADER)
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build(), HttpResponse.BodyHandlers.ofString());
        error = response.statusCode() == 200 ? null : "HTTP " + response.statusCode() + " " + response.body();
        if (error == null) {
          ingested.addAndGet(INGEST_BATCH);
        }
      } catch (Exception e) {
        error = e.toString();
      }
      samples.add("ingest", Duration.ofNanos(System.nanoTime() - started), error);
    }
    return samples;
  }

  private List<ArchivePassResult> archiveUntil(long deadline) throws InterruptedException {
    DataArchiver archiver = service.archive().archiver();
    List<ArchivePassResult> passes = new ArrayList<>();
    while (System.nanoTime() < deadline) {
      passes.add(archiver.archive());
      Thread.sleep(500);
    }
    return passes;
  }
}
