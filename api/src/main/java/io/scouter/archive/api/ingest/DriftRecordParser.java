package io.scouter.archive.api.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.scouter.archive.api.errors.ScouterException;
import io.scouter.archive.catalog.drift.DriftRecord;
import io.scouter.archive.catalog.drift.DriftType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns the original client's body, {@code {"records": [{"Spc": {...}}, {"Psi": {...}}, ...]}}, into
 * validated records. It checks every field itself, rather than letting a data-binding library
 * coerce values, so that each rejection names the record index and the field.
 */
public final class DriftRecordParser {
  public List<DriftRecord> parse(JsonNode body) {
    JsonNode records = body == null ? null : body.get("records");
    if (records == null || !records.isArray()) {
      throw ScouterException.badRequest("invalid_body", "Invalid body: expected {\"records\": [...]}");
    }
    List<DriftRecord> parsed = new ArrayList<>(records.size());
    for (int index = 0; index < records.size(); index++) {
      parsed.add(parseRecord(index, records.get(index)));
    }
    return parsed;
  }

  private static DriftRecord parseRecord(int index, JsonNode tagged) {
    if (!tagged.isObject() || tagged.size() != 1) {
      throw new InvalidRecordException(index, null,
          "expected an object with exactly one of the keys Spc, Psi, Custom");
    }
    Map.Entry<String, JsonNode> only = tagged.properties().iterator().next();
    DriftType type = DriftType.fromWireName(only.getKey()).orElseThrow(() -> new InvalidRecordException(index, null,
        "unknown record kind '" + only.getKey() + "' (accepted: Spc, Psi, Custom)"));
    RecordFields record = new RecordFields(index, only.getValue());
    Instant createdAt = record.timestamp("created_at");
    String space = record.name("space");
    String name = record.name("name");
    String version = record.name("version");
    return switch (type) {
      case SPC -> new DriftRecord.Spc(createdAt, space, name, version, record.name("feature"), record.finite("value"));
      case PSI -> new DriftRecord.Psi(createdAt, space, name, version, record.name("feature"),
          record.nonNegativeInt("bin_id"), record.nonNegativeInt("bin_count"));
      case CUSTOM -> new DriftRecord.Custom(createdAt, space, name, version, record.name("metric"),
          record.finite("value"));
    };
  }

  /** Field readers for one record; each failure names the record and the field. */
  private record RecordFields(int index, JsonNode node) {
    RecordFields {
      if (!node.isObject()) {
        throw new InvalidRecordException(index, null, "the record body must be a JSON object");
      }
    }

    private JsonNode required(String field) {
      JsonNode value = node.get(field);
      if (value == null || value.isNull()) {
        throw new InvalidRecordException(index, field, "is required");
      }
      return value;
    }

    String name(String field) {
      JsonNode value = required(field);
      if (!value.isTextual()) {
        throw new InvalidRecordException(index, field, "must be a string");
      }
      String text = value.textValue();
      String problem = RecordLimits.nameProblem(text);
      if (problem != null) {
        throw new InvalidRecordException(index, field, problem);
      }
      return text;
    }

    double finite(String field) {
      JsonNode value = required(field);
      if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
        throw new InvalidRecordException(index, field, "must be a finite number");
      }
      return value.doubleValue();
    }

    int nonNegativeInt(String field) {
      JsonNode value = required(field);
      if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0) {
        throw new InvalidRecordException(index, field, "must be a whole number from 0 to " + Integer.MAX_VALUE);
      }
      return value.intValue();
    }

    Instant timestamp(String field) {
      JsonNode value = required(field);
      if (!value.isTextual()) {
        throw new InvalidRecordException(index, field, "must be an RFC 3339 timestamp string");
      }
      Instant instant;
      try {
        // Stored with microsecond precision on both sides; truncating here keeps reads equal to writes.
        instant = OffsetDateTime.parse(value.textValue(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
            .toInstant()
            .truncatedTo(ChronoUnit.MICROS);
      } catch (DateTimeParseException e) {
        throw new InvalidRecordException(index, field,
            "must be an RFC 3339 timestamp with a zone, e.g. 2025-04-01T12:00:00Z (got '" + value.textValue() + "')");
      }
      if (!RecordLimits.inRange(instant)) {
        throw new InvalidRecordException(index, field, "must be within the years 0001-9999 in UTC (got '"
            + value.textValue() + "')");
      }
      return instant;
    }
  }
}
