package io.scouter.archive.api.drift;

import io.scouter.archive.api.ingest.RecordLimits;
import io.scouter.archive.api.metrics.Binning;
import io.scouter.archive.api.metrics.TimeInterval;
import io.scouter.archive.api.metrics.TimeWindow;
import io.scouter.archive.api.query.DriftQuery;
import io.scouter.archive.catalog.drift.DriftType;
import jakarta.ws.rs.core.MultivaluedMap;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The query parameters of the original {@code DriftRequest}, checked one by one so that every
 * rejection names its parameter and what is accepted. Names are taken as they come (quotes,
 * {@code %}, {@code _}, any unicode): they are values, never SQL or expression text.
 */
final class DriftRequest {
  /** Most bins a window may be cut into. */
  static final int MAX_DATA_POINTS = 1000;
  /** Used when {@code max_data_points} is not given. */
  static final int DEFAULT_DATA_POINTS = MAX_DATA_POINTS;
  /** Longest custom window: one year, leap day included. */
  static final Duration MAX_WINDOW = Duration.ofDays(366);

  private static final String NAME_ACCEPTED = "a non-empty name";
  private static final String DATETIME_ACCEPTED = "an RFC 3339 timestamp with a zone, e.g. 2025-04-01T12:00:00Z";
  private static final String INTERVALS =
      Arrays.stream(TimeInterval.values()).map(TimeInterval::wireName).collect(Collectors.joining(", "));

  private final MultivaluedMap<String, String> parameters;

  private DriftRequest(MultivaluedMap<String, String> parameters) {
    this.parameters = parameters;
  }

  /** The validated query of a request to the route of {@code type}, with {@code now} ending interval windows. */
  static DriftQuery parse(DriftType type, MultivaluedMap<String, String> parameters, Instant now) {
    DriftRequest request = new DriftRequest(parameters);
    String space = request.name("space");
    String name = request.name("name");
    String version = request.name("version");
    request.driftType(type);
    int maxDataPoints = request.maxDataPoints();
    TimeWindow window = request.window(now);
    Binning binning = Binning.of(window, maxDataPoints);
    if (binning.binStart(window.begin()).isBefore(RecordLimits.EARLIEST)) {
      // A bin is labelled by its start, which may precede the window: never answer with a year 0000 label.
      throw new InvalidParameterException("begin_custom_datetime", "Invalid begin_custom_datetime: the first bin"
          + " would start before 0001-01-01T00:00:00Z (accepted: a later begin, or more max_data_points)");
    }
    return new DriftQuery(type, space, name, version, binning);
  }

  private String single(String parameter) {
    List<String> values = parameters.get(parameter);
    if (values == null || values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      throw new InvalidParameterException(parameter, "Invalid " + parameter + ": given " + values.size()
          + " times (accepted: once)");
    }
    return values.get(0);
  }

  private String name(String parameter) {
    String value = single(parameter);
    if (value == null || value.isBlank()) {
      throw InvalidParameterException.of(parameter, value, NAME_ACCEPTED);
    }
    return value;
  }

  /** Optional: each route serves one type, so the parameter may only repeat it. */
  private void driftType(DriftType type) {
    String value = single("drift_type");
    if (value != null && !value.equals(type.wireName())) {
      throw InvalidParameterException.of("drift_type", value, type.wireName() + " on this route");
    }
  }

  private int maxDataPoints() {
    String value = single("max_data_points");
    if (value == null) {
      return DEFAULT_DATA_POINTS;
    }
    String accepted = "a whole number from 1 to " + MAX_DATA_POINTS;
    try {
      int points = Integer.parseInt(value.trim());
      if (points < 1 || points > MAX_DATA_POINTS) {
        throw InvalidParameterException.of("max_data_points", value, accepted);
      }
      return points;
    } catch (NumberFormatException e) {
      throw InvalidParameterException.of("max_data_points", value, accepted);
    }
  }

  private TimeWindow window(Instant now) {
    TimeInterval interval = timeInterval();
    Instant begin = datetime("begin_custom_datetime");
    Instant end = datetime("end_custom_datetime");
    if (begin == null && end == null) {
      return TimeWindow.last(interval, now);
    }
    if (begin == null || end == null) {
      String missing = begin == null ? "begin_custom_datetime" : "end_custom_datetime";
      String given = begin == null ? "end_custom_datetime" : "begin_custom_datetime";
      throw new InvalidParameterException(missing, "Invalid " + missing + ": missing while " + given
          + " is given (accepted: both custom datetimes, or neither)");
    }
    if (!begin.isBefore(end)) {
      throw new InvalidParameterException("begin_custom_datetime", "Invalid begin_custom_datetime: "
          + single("begin_custom_datetime") + " is not before end_custom_datetime " + single("end_custom_datetime"));
    }
    if (Duration.between(begin, end).compareTo(MAX_WINDOW) > 0) {
      throw new InvalidParameterException("end_custom_datetime", "Invalid end_custom_datetime: the window from "
          + begin + " to " + end + " is longer than " + MAX_WINDOW.toDays() + " days (accepted: at most "
          + MAX_WINDOW.toDays() + " days after begin_custom_datetime)");
    }
    return TimeWindow.between(begin, end);
  }

  private TimeInterval timeInterval() {
    String value = single("time_interval");
    if (value == null) {
      return TimeInterval.DEFAULT;
    }
    return Arrays.stream(TimeInterval.values()).filter(interval -> interval.wireName().equals(value)).findFirst()
        .orElseThrow(() -> InvalidParameterException.of("time_interval", value, "one of " + INTERVALS));
  }

  /** An RFC 3339 instant within the years 0001-9999, the range every engine reading the archive handles. */
  private Instant datetime(String parameter) {
    String value = single(parameter);
    if (value == null) {
      return null;
    }
    try {
      Instant parsed = OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
      if (!RecordLimits.inRange(parsed)) {
        throw InvalidParameterException.of(parameter, value, DATETIME_ACCEPTED + ", in the years 0001-9999 UTC");
      }
      return parsed;
    } catch (DateTimeParseException e) {
      throw InvalidParameterException.of(parameter, value, DATETIME_ACCEPTED);
    }
  }
}
