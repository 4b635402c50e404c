package io.scouter.archive.api.metrics;

import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The {@code time_interval} values of the original {@code DriftRequest}: how far back from now a
 * window reaches. The wire names are part of the contract and never change.
 */
public enum TimeInterval {
  FIVE_MINUTES("FiveMinutes", 5),
  FIFTEEN_MINUTES("FifteenMinutes", 15),
  THIRTY_MINUTES("ThirtyMinutes", 30),
  ONE_HOUR("OneHour", 60),
  THREE_HOURS("ThreeHours", 180),
  SIX_HOURS("SixHours", 360),
  TWELVE_HOURS("TwelveHours", 720),
  TWENTY_FOUR_HOURS("TwentyFourHours", 1440),
  TWO_DAYS("TwoDays", 2880),
  FIVE_DAYS("FiveDays", 7200);

  /** The interval used when a request names none, as in the original. */
  public static final TimeInterval DEFAULT = THREE_HOURS;

  private final String wireName;
  private final Duration length;

  TimeInterval(String wireName, int minutes) {
    this.wireName = wireName;
    this.length = Duration.ofMinutes(minutes);
  }

  /** Parses a wire name exactly as the original client sends it (case-sensitive). */
  public static TimeInterval fromWireName(String wireName) {
    for (TimeInterval interval : values()) {
      if (interval.wireName.equals(wireName)) {
        return interval;
      }
    }
    throw new IllegalArgumentException("Invalid time_interval: " + wireName + " (expected one of "
        + Arrays.stream(values()).map(TimeInterval::wireName).collect(Collectors.joining(", ")) + ")");
  }

  public String wireName() {
    return wireName;
  }

  public Duration length() {
    return length;
  }
}
