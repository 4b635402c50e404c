package io.scouter.archive.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.core.setup.Bootstrap;
import io.scouter.archive.api.config.ScouterArchiveConfiguration;
import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.catalog.testing.TemporaryDirectories;
import io.scouter.archive.catalog.testing.TestDatabases;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SQL aggregate of benchmark (h) asks the route's question: on two days of generated data in
 * the running service, it answers the same series and bins as GET /scouter/drift/{type}, with
 * values equal up to the rounding of PostgreSQL's double-precision sums.
 */
class SqlAggregateProbeTest {
  private static final DriftDataGenerator DATA = new DriftDataGenerator(3, 2);
  private static Path warehouse;
  private static InProcessService service;
  private static SqlAggregateProbe sql;
  private static HttpQueryProbe route;

  @BeforeAll
  static void start() throws Exception {
    BenchApplication application = new BenchApplication();
    Bootstrap<ScouterArchiveConfiguration> bootstrap = new Bootstrap<>(application);
    application.initialize(bootstrap);
    warehouse = TemporaryDirectories.create("bench-sql-probe-");
    service = InProcessService.start(bootstrap, BenchConfiguration.build(
        TestDatabases.freshDatabaseUri("bench_sql_probe"), warehouse.toString(), Map.of()));
    HotTableLoader loader = new HotTableLoader(service.archive().hotStore().dataSource());
    loader.load(DATA, DriftType.SPC, 0, 1);
    loader.load(DATA, DriftType.CUSTOM, 0, 1);
    sql = new SqlAggregateProbe(service.archive().hotStore().dataSource(), bootstrap.getObjectMapper());
    route = new HttpQueryProbe(HttpClient.newHttpClient(), service.uri(), bootstrap.getObjectMapper());
  }

  @AfterAll
  static void stop() throws Exception {
    service.close();
    TemporaryDirectories.delete(warehouse);
  }

  @Test
  void spcAnswersMatchTheRoute() throws Exception {
    for (int days : List.of(1, 2)) {
      QueryWindow window = QueryWindow.lastDays(DATA.end(), days);
      JsonNode expected = route.query(DriftType.SPC, BenchEntity.number(0), window).body();
      JsonNode actual = sql.query(DriftType.SPC, BenchEntity.number(0), window).body();
      assertThat(names(actual.get("features"))).containsExactly("feature_0", "feature_1", "feature_2")
          .isEqualTo(names(expected.get("features")));
      for (String feature : names(expected.get("features"))) {
        JsonNode want = expected.get("features").get(feature);
        JsonNode got = actual.get("features").get(feature);
        assertThat(got.get("created_at")).as("%s over %d days", feature, days).isEqualTo(want.get("created_at"));
        assertThat(got.get("created_at").size()).isGreaterThan(100);
        assertClose(got.get("values"), want.get("values"));
      }
    }
  }

  @Test
  void customAnswersMatchTheRoute() throws Exception {
    QueryWindow window = QueryWindow.lastDays(DATA.end(), 2);
    JsonNode expected = route.query(DriftType.CUSTOM, BenchEntity.number(0), window).body().get("metrics");
    JsonNode actual = sql.query(DriftType.CUSTOM, BenchEntity.number(0), window).body().get("metrics");
    assertThat(names(actual)).hasSize(DriftDataGenerator.CUSTOM_METRIC_COUNT).isEqualTo(names(expected));
    for (String metric : names(expected)) {
      assertThat(actual.get(metric).get("created_at")).isEqualTo(expected.get(metric).get("created_at"));
      for (int bin = 0; bin < expected.get(metric).get("stats").size(); bin++) {
        JsonNode want = expected.get(metric).get("stats").get(bin);
        JsonNode got = actual.get(metric).get("stats").get(bin);
        for (String field : List.of("avg", "lower_bound", "upper_bound")) {
          assertThat(got.get(field).asDouble()).as("%s %s of bin %d", metric, field, bin)
              .isCloseTo(want.get(field).asDouble(), within(1e-9 * Math.max(1, Math.abs(want.get(field).asDouble()))));
        }
      }
    }
  }

  private static void assertClose(JsonNode actual, JsonNode expected) {
    assertThat(actual.size()).isEqualTo(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      double want = expected.get(i).asDouble();
      assertThat(actual.get(i).asDouble()).isCloseTo(want, within(1e-9 * Math.max(1, Math.abs(want))));
    }
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
