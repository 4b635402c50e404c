package io.scouter.archive.archiver.run;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a run's newly expired rows are cut into slices that separate COPY streams read at once: at
 * UTC day boundaries near equal shares of the time span, so that every (day, entity) partition stays
 * in one slice and is still written as one file. Rows of monitoring data come at a steady rate, so
 * equal time is close enough to equal rows: the split needs only the oldest and newest row, two
 * index probes, and no statistics.
 */
final class DaySplit {
  private static final Duration HALF_DAY = Duration.ofHours(12);

  private DaySplit() {}

  /**
   * Day starts {@code b} with {@code first < b <= last}, ascending, at most {@code parts - 1} of them;
   * none when the rows lie within one UTC day.
   *
   * @param first the oldest row's created_at
   * @param last the newest row's created_at
   */
  static List<Instant> boundaries(Instant first, Instant last, int parts) {
    List<Instant> boundaries = new ArrayList<>();
    if (parts < 2 || !last.isAfter(first)) {
      return boundaries;
    }
    Duration span = Duration.between(first, last);
    for (int part = 1; part < parts; part++) {
      Instant ideal = first.plus(span.multipliedBy(part).dividedBy(parts));
      Instant nearestDayStart = ideal.plus(HALF_DAY).truncatedTo(ChronoUnit.DAYS);
      boolean inside = nearestDayStart.isAfter(first) && !nearestDayStart.isAfter(last);
      boolean newer = boundaries.isEmpty() || nearestDayStart.isAfter(boundaries.get(boundaries.size() - 1));
      if (inside && newer) {
        boundaries.add(nearestDayStart);
      }
    }
    return boundaries;
  }
}
