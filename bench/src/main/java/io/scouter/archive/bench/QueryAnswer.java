package io.scouter.archive.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/** One answer of a {@link QueryProbe}: the time it took and the body, or why there is no figure. */
record QueryAnswer(Outcome outcome, Duration elapsed, JsonNode body, String detail) {

  enum Outcome {
    OK,
    /** The service has no such route (yet): no figure, and none is made up. */
    ROUTE_MISSING,
    FAILED
  }

  static QueryAnswer ok(Duration elapsed, JsonNode body) {
    return new QueryAnswer(Outcome.OK, elapsed, body, null);
  }

  static QueryAnswer routeMissing(String detail) {
    return new QueryAnswer(Outcome.ROUTE_MISSING, null, null, detail);
  }

  static QueryAnswer failed(String detail) {
    return new QueryAnswer(Outcome.FAILED, null, null, detail);
  }

  boolean isOk() {
    return outcome == Outcome.OK;
  }

  /** The cell text when there is no figure. */
  String unavailableReason() {
    return outcome == Outcome.ROUTE_MISSING ? "n/a (route not available)" : "error: " + detail;
  }
}
