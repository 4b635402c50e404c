package io.scouter.archive.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.iceberg.Table;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real Spark (local mode, Iceberg's Spark runtime) reads what the real service archived, once
 * through the JDBC catalog and once through the service's REST catalog: the row counts the
 * watermark covers, the binned route's hourly SPC averages, time travel to the first archive run
 * by snapshot id and by tag, and the archive run ids in the snapshots metadata table.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkReadsTheArchiveTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TAG = "interop-first-run";
  private static final Map<String, String> HOT_TABLES = Map.of("spc_drift", "spc_drift",
      "custom_metric", "custom_metric", "observed_bin_count", "observed_bin_count");

  private final Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
  private final GeneratedDrift firstRun = new GeneratedDrift(today.minus(Duration.ofDays(40)),
      today.minus(Duration.ofDays(37)));
  private final GeneratedDrift secondRun = new GeneratedDrift(today.minus(Duration.ofDays(20)),
      today.minus(Duration.ofDays(17)));
  private ServiceProcess service;
  private SparkSession spark;
  private long firstSpcSnapshot;

  @BeforeAll
  void archiveTwiceAndStartSpark() throws Exception {
    Path work = Path.of("target", "interop-service").toAbsolutePath();
    ServiceProcess.deleteQuietly(work);
    service = ServiceProcess.start(work);
    ingestAndArchive(firstRun, 1);
    ingestAndArchive(secondRun, 2);
    spark = EngineSessions.start(service);
    firstSpcSnapshot = firstRunSnapshot("spc_drift");
    // A tag made with the Iceberg API through the writable JDBC catalog, before the REST catalog
    // loads the table (Spark caches loaded tables for a while).
    Table spc = Spark3Util.loadIcebergTable(spark, EngineSessions.JDBC + ".scouter.spc_drift");
    spc.manageSnapshots().createTag(TAG, firstSpcSnapshot).commit();
  }

  private void ingestAndArchive(GeneratedDrift drift, long seed) throws Exception {
    for (String body : drift.bodies(500, seed)) {
      service.postDrift(body);
    }
    service.archivePass();
  }

  @AfterAll
  void stop() {
    if (spark != null) {
      spark.stop();
    }
    if (service != null) {
      service.close();
    }
  }

  @ParameterizedTest
  @CsvSource({"scouter, spc_drift", "scouter, custom_metric", "scouter, observed_bin_count",
      "archive, spc_drift", "archive, custom_metric", "archive, observed_bin_count"})
  void countsTheRowsTheWatermarkCovers(String catalog, String table) throws Exception {
    long covered = coveredByWatermark(table);
    long expected = switch (table) {
      case "spc_drift" -> firstRun.spcRows() + secondRun.spcRows();
      case "custom_metric" -> firstRun.customRows() + secondRun.customRows();
      default -> firstRun.psiRows() + secondRun.psiRows();
    };

    assertThat(covered).as("rows the watermark covers").isEqualTo(expected);
    assertThat(count(catalog + ".scouter." + table)).isEqualTo(covered);
  }

  @ParameterizedTest
  @CsvSource({"scouter, exact", "archive, exact", "scouter, noisy", "archive, noisy"})
  void hourlySpcAveragesEqualTheBinnedRoute(String catalog, String feature) throws Exception {
    Instant begin = firstRun.from.plus(Duration.ofHours(5));
    Instant end = begin.plus(Duration.ofHours(48));
    Map<Instant, Double> route = routeSpc(begin, end, 48, feature);
    Map<Instant, Double> viaSpark = new TreeMap<>();
    for (Row row : spark.sql("SELECT timestamp_seconds(floor(unix_seconds(created_at) / 3600) * 3600) AS bin,"
        + " avg(value) FROM " + catalog + ".scouter.spc_drift WHERE space = '" + GeneratedDrift.SPACE + "'"
        + " AND name = '" + GeneratedDrift.NAME + "' AND version = '" + GeneratedDrift.VERSION + "'"
        + " AND feature = '" + feature + "' AND created_at >= TIMESTAMP '" + begin + "'"
        + " AND created_at < TIMESTAMP '" + end + "' GROUP BY 1").collectAsList()) {
      viaSpark.put(row.getTimestamp(0).toInstant(), row.getDouble(1));
    }

    assertThat(viaSpark.keySet()).hasSize(48).containsExactlyElementsOf(route.keySet());
    if (feature.equals("exact")) {
      // Sums of multiples of 1/8 are exact in both engines: the same double, bit for bit.
      viaSpark.forEach((bin, value) -> assertThat(Double.doubleToLongBits(value)).as(bin.toString())
          .isEqualTo(Double.doubleToLongBits(route.get(bin))));
    } else {
      // Spark adds in its own order; the route sums exactly: equal to 1e-12 relative.
      viaSpark.forEach((bin, value) -> assertThat(Math.abs(value - route.get(bin)))
          .as(bin.toString()).isLessThanOrEqualTo(1e-12 * Math.abs(route.get(bin))));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"scouter", "archive"})
  void timeTravelsToTheFirstArchiveRunBySnapshotAndByTag(String catalog) {
    String table = catalog + ".scouter.spc_drift";

    assertThat(count(table + " VERSION AS OF " + firstSpcSnapshot)).isEqualTo(firstRun.spcRows());
    assertThat(count(table + " VERSION AS OF '" + TAG + "'")).isEqualTo(firstRun.spcRows());
    assertThat(count(table)).isEqualTo(firstRun.spcRows() + secondRun.spcRows());
  }

  @ParameterizedTest
  @ValueSource(strings = {"scouter", "archive"})
  void snapshotsCarryOurArchiveRunIds(String catalog) throws Exception {
    List<String> runIds = new ArrayList<>();
    for (Row row : spark.sql("SELECT summary['scouter.archive.run-id'] FROM " + catalog
        + ".scouter.spc_drift.snapshots ORDER BY committed_at").collectAsList()) {
      runIds.add(row.getString(0));
    }

    assertThat(runIds).containsExactlyElementsOf(serviceRunIds("spc_drift"));
  }

  private long count(String relation) {
    return spark.sql("SELECT count(*) FROM " + relation).first().getLong(0);
  }

  /** The service's own record of the table's runs, oldest first: {@code GET /scouter/archive/runs}. */
  private List<String> serviceRunIds(String table) throws Exception {
    List<String> ids = new ArrayList<>();
    for (JsonNode run : JSON.readTree(service.getOk("/scouter/archive/runs")).get("runs")) {
      if (table.equals(run.get("table").asText()) && "done".equals(run.get("status").asText())) {
        ids.add(0, run.get("id").asText());
      }
    }
    return ids;
  }

  private long firstRunSnapshot(String table) throws Exception {
    List<Long> snapshots = new ArrayList<>();
    for (JsonNode run : JSON.readTree(service.getOk("/scouter/archive/runs")).get("runs")) {
      JsonNode snapshot = run.has("snapshot_id") ? run.get("snapshot_id") : run.get("snapshotId");
      if (table.equals(run.get("table").asText()) && snapshot != null && !snapshot.isNull()) {
        snapshots.add(0, snapshot.asLong());
      }
    }
    assertThat(snapshots).hasSize(2);
    return snapshots.get(0);
  }

  private Map<Instant, Double> routeSpc(Instant begin, Instant end, int points, String feature) throws Exception {
    String query = "/scouter/drift/spc?space=" + GeneratedDrift.SPACE + "&name=" + GeneratedDrift.NAME
        + "&version=" + GeneratedDrift.VERSION + "&max_data_points=" + points
        + "&begin_custom_datetime=" + URLEncoder.encode(begin.toString(), StandardCharsets.UTF_8)
        + "&end_custom_datetime=" + URLEncoder.encode(end.toString(), StandardCharsets.UTF_8);
    JsonNode series = JSON.readTree(service.getOk(query)).at("/features/" + feature);
    Map<Instant, Double> bins = new TreeMap<>();
    for (int i = 0; i < series.get("created_at").size(); i++) {
      bins.put(Instant.parse(series.get("created_at").get(i).asText()), series.get("values").get(i).asDouble());
    }
    return bins;
  }

  /** Rows of the hot table that the archive watermark covers, by the database's own rule. */
  private long coveredByWatermark(String table) throws Exception {
    Properties user = new Properties();
    user.setProperty("user", "postgres");
    user.setProperty("password", service.databasePassword());
    try (Connection connection = DriverManager.getConnection(service.hotStoreJdbcUri(), user);
        Statement statement = connection.createStatement();
        ResultSet count = statement.executeQuery("SELECT count(*) FROM scouter." + HOT_TABLES.get(table)
            + " WHERE scouter.is_archived('" + table + "', created_at, ins_xid)")) {
      count.next();
      return count.getLong(1);
    }
  }
}
