package io.scouter.archive.api.audit;

import io.scouter.archive.catalog.drift.DriftType;
import jakarta.ws.rs.core.MultivaluedMap;
import java.time.Instant;
import java.util.List;

/** The validated parameters of an export: table, entity and window {@code [begin, end)}. */
record ExportRequest(DriftType type, String space, String name, String version, Instant begin, Instant end) {

  static ExportRequest parse(MultivaluedMap<String, String> parameters) {
    DriftType type = ArchiveTables.parse("table", single(parameters, "table"));
    String space = name(parameters, "space");
    String name = name(parameters, "name");
    String version = name(parameters, "version");
    Instant begin = instant(parameters, "begin");
    Instant end = instant(parameters, "end");
    if (!begin.isBefore(end)) {
      throw AuditErrors.invalid("begin", "Invalid begin: " + begin + " is not before end " + end);
    }
    return new ExportRequest(type, space, name, version, begin, end);
  }

  private static String single(MultivaluedMap<String, String> parameters, String parameter) {
    List<String> values = parameters.get(parameter);
    if (values == null || values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      throw AuditErrors.invalid(parameter, "Invalid " + parameter + ": given " + values.size()
          + " times (accepted: once)");
    }
    return values.get(0);
  }

  private static String name(MultivaluedMap<String, String> parameters, String parameter) {
    String value = single(parameters, parameter);
    if (value == null || value.isBlank()) {
      throw AuditErrors.invalid(parameter, value, "a non-empty name");
    }
    return value;
  }

  private static Instant instant(MultivaluedMap<String, String> parameters, String parameter) {
    String value = single(parameters, parameter);
    if (value == null) {
      throw AuditErrors.invalid(parameter, null, SnapshotReference.DATETIME_ACCEPTED);
    }
    return SnapshotReference.instant(parameter, value).instant();
  }

  long beginMicros() {
    return micros(begin);
  }

  long endMicros() {
    return micros(end);
  }

  static long micros(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }
}
