package io.scouter.archive.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TimeWindowTest {
  private static final Instant NOW = Instant.parse("2025-04-01T12:00:00Z");

  @Test
  void testsRunOutsideUtcSoZoneBugsShow() {
    assertThat(TimeZone.getDefault().getID()).isNotEqualTo("UTC");
  }

  @ParameterizedTest
  @EnumSource(TimeInterval.class)
  void intervalWindowEndsAtNowExclusiveAndReachesBackTheInterval(TimeInterval interval) {
    TimeWindow window = TimeWindow.last(interval, NOW);

    assertThat(window.end()).isEqualTo(NOW);
    assertThat(window.begin()).isEqualTo(NOW.minus(interval.length()));
    assertThat(window.lengthMicros()).isEqualTo(interval.length().toSeconds() * 1_000_000L);
  }

  @Test
  void fiveDaysBackFromNoon() {
    assertThat(TimeWindow.last(TimeInterval.FIVE_DAYS, NOW))
        .isEqualTo(new TimeWindow(Instant.parse("2025-03-27T12:00:00Z"), NOW));
  }

  @Test
  void beginIsInclusiveAndEndExclusive() {
    TimeWindow window = TimeWindow.between(Instant.parse("2025-04-01T00:00:00Z"), Instant.parse("2025-04-01T01:00:00Z"));

    assertThat(window.contains(window.beginMicros())).isTrue();
    assertThat(window.contains(window.beginMicros() - 1)).isFalse();
    assertThat(window.contains(window.endMicros() - 1)).isTrue();
    assertThat(window.contains(window.endMicros())).isFalse();
  }

  @Test
  void requestWithBothCustomDatetimesUsesThemAndIgnoresTheInterval() {
    Instant begin = Instant.parse("2024-01-01T00:00:00.123456Z");
    Instant end = Instant.parse("2024-01-02T00:00:00Z");

    assertThat(TimeWindow.forRequest(TimeInterval.FIVE_MINUTES, begin, end, NOW))
        .isEqualTo(new TimeWindow(begin, end));
  }

  @Test
  void requestWithoutCustomDatetimesUsesTheIntervalOrThreeHours() {
    assertThat(TimeWindow.forRequest(TimeInterval.ONE_HOUR, null, null, NOW))
        .isEqualTo(new TimeWindow(Instant.parse("2025-04-01T11:00:00Z"), NOW));
    assertThat(TimeWindow.forRequest(null, null, null, NOW))
        .isEqualTo(new TimeWindow(Instant.parse("2025-04-01T09:00:00Z"), NOW));
  }

  @Test
  void requestWithOnlyOneCustomDatetimeIsRejected() {
    assertThatThrownBy(() -> TimeWindow.forRequest(null, NOW, null, NOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid custom window: begin_custom_datetime and end_custom_datetime must be given together "
            + "(got only begin)");
    assertThatThrownBy(() -> TimeWindow.forRequest(null, null, NOW, NOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid custom window: begin_custom_datetime and end_custom_datetime must be given together "
            + "(got only end)");
  }

  @Test
  void beginMustBeBeforeEnd() {
    assertThatThrownBy(() -> TimeWindow.between(NOW, NOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid window: begin 2025-04-01T12:00:00Z must be before end 2025-04-01T12:00:00Z");
    assertThatThrownBy(() -> TimeWindow.between(NOW.plusSeconds(1), NOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid window: begin 2025-04-01T12:00:01Z must be before end 2025-04-01T12:00:00Z");
  }

  @Test
  void subMicrosecondBoundsRoundUpSoTheSameStoredTimestampsAreAdmitted() {
    // A record stored at 12:00:00.000000 is before a "now" of 12:00:00.000000500, so it is in the window;
    // rounding the end up to 12:00:00.000001 keeps it in, rounding down would drop it.
    Instant now = NOW.plusNanos(500);
    TimeWindow window = TimeWindow.last(TimeInterval.FIVE_MINUTES, now);

    assertThat(window.end()).isEqualTo(Instant.parse("2025-04-01T12:00:00.000001Z"));
    assertThat(window.begin()).isEqualTo(Instant.parse("2025-04-01T11:55:00.000001Z"));
    assertThat(window.contains(Micros.floor(NOW))).isTrue();
  }

  @Test
  void boundsWithinOneMicrosecondCollapseAndAreRejected() {
    assertThatThrownBy(() -> TimeWindow.between(NOW.plusNanos(1), NOW.plusNanos(999)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid window: begin 2025-04-01T12:00:00.000001Z must be before end 2025-04-01T12:00:00.000001Z");
  }

  @Test
  void windowsBeforeTheEpochWork() {
    TimeWindow window = TimeWindow.between(Instant.parse("1969-12-31T23:00:00Z"), Instant.parse("1970-01-01T01:00:00Z"));

    assertThat(window.beginMicros()).isEqualTo(-3_600_000_000L);
    assertThat(window.lengthMicros()).isEqualTo(7_200_000_000L);
  }

  @Test
  void instantsBeyondTheMicrosecondRangeAreRejected() {
    assertThatThrownBy(() -> TimeWindow.between(NOW, Instant.MAX))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid instant: +1000000000-12-31T23:59:59.999999999Z (out of the microsecond range)");
  }
}
