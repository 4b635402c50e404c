package io.scouter.archive.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.scouter.archive.catalog.drift.DriftType;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The query probe against a stand-in server: the drift routes are not in this build yet, so a JDK
 * HTTP server answers in the contract's shapes (and in the service's 404 shape for a missing route).
 */
class HttpQueryProbeTest {
  private static final String SPC_ANSWER = """
      {"features": {"feature_0": {"created_at": ["2025-05-31T00:00:00Z", "2025-05-31T00:02:52Z"], "values": [1.5, 2]},
                    "feature_1": {"created_at": ["2025-05-31T00:00:00Z"], "values": [3.25]}}}""";

  private final List<String> queries = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private HttpQueryProbe probe;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/scouter/drift/spc", exchange -> {
      queries.add(URLDecoder.decode(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8));
      answer(exchange, 200, SPC_ANSWER);
    });
    server.createContext("/scouter/drift/custom",
        exchange -> answer(exchange, 503, "{\"error\": \"Cannot read the archive\", \"code\": \"unavailable\"}"));
    server.createContext("/", exchange -> answer(exchange, 404, "{\"error\": \"Not Found\", \"code\": \"not_found\"}"));
    server.start();
    probe = new HttpQueryProbe(HttpClient.newHttpClient(),
        URI.create("http://127.0.0.1:" + server.getAddress().getPort()), new ObjectMapper());
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static QueryWindow window() {
    return QueryWindow.lastDays(Instant.parse("2025-06-01T00:00:00Z"), 1);
  }

  @Test
  void asksForTheEntityAndWindowAndTimesTheAnswer() throws Exception {
    QueryAnswer answer = probe.query(DriftType.SPC, BenchEntity.number(0), window());

    assertThat(answer.isOk()).isTrue();
    assertThat(answer.elapsed()).isPositive();
    assertThat(queries).containsExactly("space=bench&name=model-000&version=1.0.0&drift_type=Spc"
        + "&max_data_points=500&begin_custom_datetime=2025-05-31T00:00:00Z&end_custom_datetime=2025-06-01T00:00:00Z");
  }

  @Test
  void measuresWarmupThenRunsAndCountsTheBins() throws Exception {
    LatencyResult result = new LatencyMeasurement(probe, 2, 5).measure(DriftType.SPC, BenchEntity.number(0), window());

    assertThat(queries).hasSize(7);
    assertThat(result.available()).isTrue();
    assertThat(result.samples()).hasSize(5);
    assertThat(result.bins()).contains(3);
    assertThat(result.p95()).isGreaterThanOrEqualTo(result.p50());
  }

  @Test
  void aMissingRouteGivesNoFigure() throws Exception {
    QueryAnswer answer = probe.query(DriftType.PSI, BenchEntity.number(0), window());
    LatencyResult result = new LatencyMeasurement(probe, 5, 20).measure(DriftType.PSI, BenchEntity.number(0), window());

    assertThat(answer.outcome()).isEqualTo(QueryAnswer.Outcome.ROUTE_MISSING);
    assertThat(result.available()).isFalse();
    assertThat(result.unavailable()).isEqualTo("n/a (route not available)");
    assertThat(result.bins()).isEmpty();
  }

  @Test
  void anErrorOfTheRouteIsReportedNotTimed() throws Exception {
    LatencyResult result =
        new LatencyMeasurement(probe, 1, 3).measure(DriftType.CUSTOM, BenchEntity.number(0), window());

    assertThat(result.available()).isFalse();
    assertThat(result.unavailable()).isEqualTo("error: HTTP 503 Cannot read the archive");
  }
}
