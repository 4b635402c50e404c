package io.scouter.archive.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.scouter.archive.archiver.ArchivePassResult;
import io.scouter.archive.archiver.DataArchiver;
import io.scouter.archive.archiver.retention.ExpiredRowDeleter;
import io.scouter.archive.catalog.settings.RetentionPeriod;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * (g) What "each record once" costs ingestion: one sender posts bodies of {@code batchSize} records of
 * one entity, timed per request, in four series: recent records (inside retention: no lock, no
 * lookup), old records with new keys (older than retention plus grace: the deletion lock and a pruned
 * archive lookup that finds nothing, then a normal insert), the same old records re-sent after an
 * archive pass and the deletion moved them to Iceberg (every key found in the archive, nothing
 * inserted), and old records with new keys in those archived partitions (lookups read real files).
 */
final class OldRecordIngestionBench {
  private final HttpClient client;
  private final URI route;
  private final ObjectMapper mapper;
  private final DataArchiver archiver;
  private final ExpiredRowDeleter deleter;
  private final Progress progress;

  OldRecordIngestionBench(HttpClient client, URI service, ObjectMapper mapper, DataArchiver archiver,
      DataSource dataSource, Progress progress) {
    this.client = client;
    this.route = service.resolve("/scouter/drift");
    this.mapper = mapper;
    this.archiver = archiver;
    // The benchmark's service runs with this retention and the default grace.
    this.deleter = new ExpiredRowDeleter(dataSource, new RetentionPeriod(BenchConfiguration.RETENTION_DAYS),
        ExpiredRowDeleter.DEFAULT_GRACE);
    this.progress = progress;
  }

  private record Series(String label, long records, long inserted, List<Duration> times) {}

  FigureTable measure(int batchSize, int batches) throws IOException, InterruptedException, java.sql.SQLException {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant recentBase = now.minus(Duration.ofHours(12));
    Instant oldBase = now.minus(Duration.ofDays(200)).truncatedTo(ChronoUnit.DAYS);
    List<Series> series = new ArrayList<>();
    send("warm-up (not shown)", "once-warmup", recentBase, 0, batchSize, 5);
    series.add(send("recent records, new keys", "once-recent", recentBase, 0, batchSize, batches));
    series.add(send("old records, new keys, no archived partition", "once-old", oldBase, 0, batchSize, batches));
    progress.step("(g) archive pass and deletion, so the old records live only in Iceberg");
    ArchivePassResult pass = archiver.archive();
    long deleted = deleter.deleteExpired(Instant.now());
    series.add(send("old records re-sent, every key archived", "once-old", oldBase, 0, batchSize, batches));
    series.add(send("old records, new keys in archived partitions", "once-old", oldBase, 1, batchSize, batches));

    FigureTable.Builder table = FigureTable.builder("(g) Ingestion of old records: POST /scouter/drift, 1 sender",
        "records", "requests", "records/request", "inserted", "records/s", "p50", "p95");
    for (Series one : series) {
      Duration total = one.times.stream().reduce(Duration.ZERO, Duration::plus);
      table.row(one.label, String.valueOf(one.times.size()), Figures.count(batchSize), Figures.count(one.inserted),
          Figures.perSecond(one.records, total), Figures.millis(Percentiles.of(one.times, 50)),
          Figures.millis(Percentiles.of(one.times, 95)));
    }
    table.note("records/s counts records sent (a re-sent record costs its lookup, not an insert); between the "
        + "second and third series an archive pass moved " + Figures.count(pass.rows()) + " rows and the "
        + "deletion removed " + Figures.count(deleted) + " from PostgreSQL");
    return table.build();
  }

  private Series send(String label, String name, Instant base, int variant, int batchSize, int batches)
      throws IOException, InterruptedException {
    progress.step("(g) %s: %d requests of %s records", label, batches, Figures.count(batchSize));
    List<Duration> times = new ArrayList<>();
    long inserted = 0;
    for (int batch = 0; batch < batches; batch++) {
      byte[] body = body(name, base.plusSeconds((long) batch * batchSize), variant, batchSize);
      HttpRequest request = HttpRequest.newBuilder(route).timeout(Duration.ofMinutes(2))
          .header("Content-Type", "application/json").header("Authorization", BenchKey.HEADER).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
      long started = System.nanoTime();
      HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
      if (response.statusCode() != 200) {
        throw new IllegalStateException("Cannot measure (g): HTTP " + response.statusCode() + " "
            + new String(response.body(), StandardCharsets.UTF_8));
      }
      times.add(elapsed);
      inserted += mapper.readTree(response.body()).path("inserted").asLong();
    }
    return new Series(label, (long) batches * batchSize, inserted, times);
  }

  /** One second apart, SPC, PSI and custom in turn; {@code variant} changes the series names, so the keys. */
  private static byte[] body(String name, Instant base, int variant, int batchSize) {
    StringBuilder json = new StringBuilder(batchSize * 160).append("{\"records\":[");
    for (int i = 0; i < batchSize; i++) {
      String common = String.format(Locale.ROOT, "\"created_at\":\"%s\",\"space\":\"%s\",\"name\":\"%s\","
          + "\"version\":\"%s\",", base.plusSeconds(i), BenchEntity.SPACE, name, BenchEntity.VERSION);
      String series = "s" + variant + "_" + (i % 7);
      json.append(i > 0 ? "," : "").append(switch (i % 3) {
        case 0 -> "{\"Spc\":{" + common + "\"feature\":\"" + series + "\",\"value\":" + (0.5 + (i % 97) / 97.0) + "}}";
        case 1 -> "{\"Psi\":{" + common + "\"feature\":\"" + series + "\",\"bin_id\":" + (i % 10)
            + ",\"bin_count\":" + (i % 211) + "}}";
        default -> "{\"Custom\":{" + common + "\"metric\":\"" + series + "\",\"value\":" + (1.5 + (i % 89) / 89.0) + "}}";
      });
    }
    return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }
}
