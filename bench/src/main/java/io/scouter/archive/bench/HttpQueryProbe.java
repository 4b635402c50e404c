package io.scouter.archive.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scouter.archive.catalog.drift.DriftType;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Times {@code GET /scouter/drift/{type}} of the running service over loopback HTTP, end to end:
 * request, hot and archive reads, aggregation, JSON, until the last byte of the body is in. A 404 in
 * Jersey's "no such resource" shape means the route is not built into this jar.
 */
final class HttpQueryProbe implements QueryProbe {
  /** Bins per answer: the dashboards' resolution, the same for every window. */
  static final int MAX_DATA_POINTS = 500;

  private final HttpClient client;
  private final URI service;
  private final ObjectMapper mapper;

  HttpQueryProbe(HttpClient client, URI service, ObjectMapper mapper) {
    this.client = client;
    this.service = service;
    this.mapper = mapper;
  }

  @Override
  public QueryAnswer query(DriftType type, BenchEntity entity, QueryWindow window)
      throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(uri(type, entity, window)).timeout(Duration.ofMinutes(5)).GET()
        .header("Authorization", BenchKey.HEADER).build();
    long started = System.nanoTime();
    HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    if (response.statusCode() == 200) {
      return QueryAnswer.ok(elapsed, mapper.readTree(response.body()));
    }
    String text = new String(response.body(), StandardCharsets.UTF_8);
    JsonNode error = parseQuietly(text);
    if (response.statusCode() == 404 && "not_found".equals(error.path("code").asText())
        && "Not Found".equals(error.path("error").asText())) {
      return QueryAnswer.routeMissing("GET " + request.uri().getPath() + " answered 404 Not Found");
    }
    return QueryAnswer.failed("HTTP " + response.statusCode() + " "
        + (error.has("error") ? error.path("error").asText() : abbreviate(text)));
  }

  URI uri(DriftType type, BenchEntity entity, QueryWindow window) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("space", entity.space());
    parameters.put("name", entity.name());
    parameters.put("version", entity.version());
    parameters.put("drift_type", type.wireName());
    parameters.put("max_data_points", Integer.toString(MAX_DATA_POINTS));
    parameters.put("begin_custom_datetime", window.begin().toString());
    parameters.put("end_custom_datetime", window.end().toString());
    String query = parameters.entrySet().stream()
        .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return service.resolve("/scouter/drift/" + type.wireName().toLowerCase(Locale.ROOT) + "?" + query);
  }

  private JsonNode parseQuietly(String text) {
    try {
      return mapper.readTree(text);
    } catch (IOException e) {
      return mapper.createObjectNode();
    }
  }

  private static String abbreviate(String text) {
    String line = text.replaceAll("\\s+", " ").strip();
    return line.length() <= 120 ? line : line.substring(0, 117) + "...";
  }
}
