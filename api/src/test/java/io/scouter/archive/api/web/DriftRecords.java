package io.scouter.archive.api.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Builds ingestion bodies ({"records": [...]}) of the original wire format for the web tests. */
final class DriftRecords {
  private final List<String> records = new ArrayList<>();

  DriftRecords spc(String entity, String feature, Instant at, double value) {
    return add("Spc", entity, at, "\"feature\":\"" + feature + "\",\"value\":" + number(value));
  }

  DriftRecords psi(String entity, String feature, Instant at, int binId, long count) {
    return add("Psi", entity, at, "\"feature\":\"" + feature + "\",\"bin_id\":" + binId + ",\"bin_count\":" + count);
  }

  DriftRecords custom(String entity, String metric, Instant at, double value) {
    return add("Custom", entity, at, "\"metric\":\"" + metric + "\",\"value\":" + number(value));
  }

  int size() {
    return records.size();
  }

  String body() {
    return "{\"records\":[" + String.join(",", records) + "]}";
  }

  /** entity as "space/name/version". */
  private DriftRecords add(String type, String entity, Instant at, String payload) {
    String[] parts = entity.split("/");
    records.add(String.format(Locale.ROOT,
        "{\"%s\":{\"created_at\":\"%s\",\"space\":\"%s\",\"name\":\"%s\",\"version\":\"%s\",%s}}",
        type, at, parts[0], parts[1], parts[2], payload));
    return this;
  }

  private static String number(double value) {
    return Double.toString(value);
  }
}
