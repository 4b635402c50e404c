package io.scouter.archive.interop;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The side-by-side figure of BENCHMARKS.md: one 30-day hourly SPC question (one entity, every
 * feature, 720 bins) answered by the service's binned route and by Spark local through the REST
 * catalog, both warm, over the same archive. Not part of the normal build; run it with
 * {@code mvn -B -pl interop -am verify -Dtest=SparkVersusRouteBench -Dsurefire.failIfNoSpecifiedTests=false}
 * (add {@code -Dbench.minutes=1} for the record interval; default one record per series a minute).
 */
class SparkVersusRouteBench {
  private static final int WARMUP = 3;
  private static final int MEASURED = 10;

  @Test
  void thirtyDayHourlySpc() throws Exception {
    Instant end = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(2));
    Instant begin = end.minus(Duration.ofDays(30));
    GeneratedDrift drift = new GeneratedDrift(begin, end, Duration.ofMinutes(Long.getLong("bench.minutes", 1)));
    Path work = Path.of("target", "interop-bench").toAbsolutePath();
    ServiceProcess.deleteQuietly(work);
    try (ServiceProcess service = ServiceProcess.start(work)) {
      for (String body : drift.bodies(2000, 7)) {
        service.postDrift(body);
      }
      service.archivePass();
      String route = "/scouter/drift/spc?space=" + GeneratedDrift.SPACE + "&name=" + GeneratedDrift.NAME
          + "&version=" + GeneratedDrift.VERSION + "&max_data_points=720"
          + "&begin_custom_datetime=" + URLEncoder.encode(begin.toString(), StandardCharsets.UTF_8)
          + "&end_custom_datetime=" + URLEncoder.encode(end.toString(), StandardCharsets.UTF_8);
      String sql = "SELECT feature, timestamp_seconds(floor(unix_seconds(created_at) / 3600) * 3600) AS bin,"
          + " avg(value) FROM archive.scouter.spc_drift WHERE space = '" + GeneratedDrift.SPACE + "'"
          + " AND name = '" + GeneratedDrift.NAME + "' AND version = '" + GeneratedDrift.VERSION + "'"
          + " AND created_at >= TIMESTAMP '" + begin + "' AND created_at < TIMESTAMP '" + end + "'"
          + " GROUP BY feature, bin";
      SparkSession spark = EngineSessions.start(service);
      try {
        double[] routeMs = measure(() -> service.getOk(route).length());
        double[] sparkMs = measure(() -> spark.sql(sql).collectAsList().size());
        report(drift, routeMs, sparkMs, spark.sql(sql).count());
      } finally {
        spark.stop();
      }
    }
  }

  private static double[] measure(Callable<Integer> query) throws Exception {
    for (int i = 0; i < WARMUP; i++) {
      query.call();
    }
    double[] millis = new double[MEASURED];
    for (int i = 0; i < MEASURED; i++) {
      long start = System.nanoTime();
      query.call();
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(millis);
    return millis;
  }

  private static void report(GeneratedDrift drift, double[] routeMs, double[] sparkMs, long bins) throws Exception {
    String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
        .findFirst().map(line -> line.substring(line.indexOf(':') + 2)).orElse("unknown CPU");
    System.out.printf(Locale.ROOT, "%nSPARK-VS-ROUTE %s | %d cores, %s | %d SPC rows archived (%d-day span, step %s),"
            + " answer %d (feature, hour) bins | route median %.1f ms (min %.1f, max %.1f)"
            + " | Spark local[2] REST median %.1f ms (min %.1f, max %.1f) | warm, %d runs after %d warm-up%n",
        Instant.now().truncatedTo(ChronoUnit.SECONDS), Runtime.getRuntime().availableProcessors(), cpu,
        drift.spcRows(), Duration.between(drift.from, drift.to).toDays(), drift.step, bins,
        routeMs[MEASURED / 2], routeMs[0], routeMs[MEASURED - 1], sparkMs[MEASURED / 2], sparkMs[0],
        sparkMs[MEASURED - 1], MEASURED, WARMUP);
  }
}
