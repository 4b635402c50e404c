package io.scouter.archive.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The last {@code days} whole days of the data: {@code [end - days, end)}, as the routes define windows. */
record QueryWindow(int days, Instant begin, Instant end) {
  static final List<Integer> STANDARD_DAYS = List.of(1, 7, 30);

  static QueryWindow lastDays(Instant end, int days) {
    return new QueryWindow(days, end.minus(Duration.ofDays(days)), end);
  }

  /** 1, 7 and 30 days, those that fit in the generated span (which is at least a day). */
  static List<QueryWindow> standard(DriftDataGenerator data) {
    return STANDARD_DAYS.stream()
        .filter(days -> days <= data.days())
        .map(days -> lastDays(data.end(), days))
        .toList();
  }

  String label() {
    return days + (days == 1 ? " day" : " days");
  }
}
