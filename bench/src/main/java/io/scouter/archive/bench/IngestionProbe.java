package io.scouter.archive.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code POST /scouter/drift} under load: {@code clients} senders, each posting bodies of
 * {@code batchSize} new records (Spc, Psi and Custom in turn) back to back for a fixed time. Every
 * record is new, so each one is really stored; the rate counts what the service says it inserted.
 */
final class IngestionProbe {
  private static final int WARMUP_BATCHES = 5;
  private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

  private final HttpClient client;
  private final URI route;
  private final ObjectMapper mapper;

  IngestionProbe(HttpClient client, URI service, ObjectMapper mapper) {
    this.client = client;
    this.route = service.resolve("/scouter/drift");
    this.mapper = mapper;
  }

  record Result(int clients, int batchSize, long batches, long records, long inserted, Duration elapsed,
      List<Duration> batchTimes, String error) {
    double recordsPerSecond() {
      return inserted / (elapsed.toNanos() / 1e9);
    }
  }

  Result measure(int clients, int batchSize, Duration budget) throws InterruptedException {
    ExecutorService senders = Executors.newFixedThreadPool(clients);
    try {
      for (int sender = 0; sender < clients; sender++) {
        Sent warmup = sendBatches(sender, batchSize, 0, WARMUP_BATCHES, Long.MAX_VALUE);
        if (warmup.error != null) {
          return new Result(clients, batchSize, 0, 0, 0, Duration.ZERO, List.of(), warmup.error);
        }
      }
      long started = System.nanoTime();
      long deadline = started + budget.toNanos();
      List<Future<Sent>> futures = new ArrayList<>();
      for (int sender = 0; sender < clients; sender++) {
        int id = sender;
        futures.add(senders.submit(() -> sendBatches(id, batchSize, WARMUP_BATCHES, Integer.MAX_VALUE, deadline)));
      }
      List<Duration> times = new ArrayList<>();
      long batches = 0;
      long inserted = 0;
      String error = null;
      for (Future<Sent> future : futures) {
        Sent sent = future.get();
        batches += sent.batchTimes.size();
        inserted += sent.inserted;
        times.addAll(sent.batchTimes);
        error = error == null ? sent.error : error;
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
      return new Result(clients, batchSize, batches, batches * batchSize, inserted, elapsed, List.copyOf(times), error);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot measure ingestion: " + e, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Cannot measure ingestion: " + e.getCause(), e.getCause());
    } finally {
      senders.shutdownNow();
    }
  }

  private record Sent(List<Duration> batchTimes, long inserted, String error) {}

  private Sent sendBatches(int sender, int batchSize, int firstBatch, int maxBatches, long deadline)
      throws IOException, InterruptedException {
    List<Duration> times = new ArrayList<>();
    long inserted = 0;
    for (int batch = firstBatch; batch - firstBatch < maxBatches && System.nanoTime() < deadline; batch++) {
      byte[] body = body(sender, batch, batchSize);
      HttpRequest request = HttpRequest.newBuilder(route).timeout(Duration.ofMinutes(2))
          .header("Content-Type", "application/json").header("Authorization", BenchKey.HEADER).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
      long started = System.nanoTime();
      HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
      if (response.statusCode() != 200) {
        return new Sent(times, inserted, "HTTP " + response.statusCode() + " "
            + new String(response.body(), StandardCharsets.UTF_8));
      }
      JsonNode answer = mapper.readTree(response.body());
      times.add(elapsed);
      inserted += answer.path("inserted").asLong();
    }
    return new Sent(times, inserted, null);
  }

  /** A body of new records: sender and batch make the entity and the timestamps unique. */
  static byte[] body(int sender, int batch, int batchSize) {
    StringBuilder json = new StringBuilder(batchSize * 160).append("{\"records\":[");
    String name = String.format(Locale.ROOT, "ingest-%02d", sender);
    Instant batchStart = BASE.plusSeconds((long) batch * batchSize);
    for (int i = 0; i < batchSize; i++) {
      if (i > 0) {
        json.append(',');
      }
      String createdAt = batchStart.plusSeconds(i).toString();
      String common = "\"created_at\":\"" + createdAt + "\",\"space\":\"" + BenchEntity.SPACE + "\",\"name\":\""
          + name + "\",\"version\":\"" + BenchEntity.VERSION + "\",";
      switch (i % 3) {
        case 0 -> json.append("{\"Spc\":{").append(common).append("\"feature\":\"feature_").append(i % 7)
            .append("\",\"value\":").append(0.5 + (i % 97) / 97.0).append("}}");
        case 1 -> json.append("{\"Psi\":{").append(common).append("\"feature\":\"feature_").append(i % 7)
            .append("\",\"bin_id\":").append(i % DriftDataGenerator.PSI_BINS).append(",\"bin_count\":")
            .append(i % 211).append("}}");
        default -> json.append("{\"Custom\":{").append(common).append("\"metric\":\"")
            .append(DriftDataGenerator.CUSTOM_METRICS.get(i % DriftDataGenerator.CUSTOM_METRIC_COUNT))
            .append("\",\"value\":").append(1.5 + (i % 89) / 89.0).append("}}");
      }
    }
    return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }
}
