package io.scouter.archive.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BinningTest {
  private static final Instant NOW = Instant.parse("2025-04-01T12:00:00Z");

  @ParameterizedTest(name = "{0} cut into {1} points gives {2} s bins")
  @CsvSource({
      "ThreeHours, 100, 108",       // 10800 / 100
      "FiveDays, 1000, 432",        // 432000 / 1000
      "FiveDays, 7, 61714",         // 432000 / 7 = 61714.28...
      "FiveMinutes, 5, 60",
      "FiveMinutes, 7, 42",         // 300 / 7 = 42.857...: 0.714 minutes, floored to whole seconds
      "FiveMinutes, 300, 1",
      "FiveMinutes, 1000, 1",       // 0.3 s floors to 0, and the width is at least 1 s
      "OneHour, 2147483647, 1",
      "OneHour, 1, 3600"})
  void widthIsWholeSecondsOfTheWindowDividedByTheDataPoints(String interval, int maxDataPoints, long widthSeconds) {
    TimeWindow window = TimeWindow.last(TimeInterval.fromWireName(interval), NOW);

    assertThat(Binning.of(window, maxDataPoints).widthSeconds()).isEqualTo(widthSeconds);
  }

  @Test
  void fractionalMinuteWidthsOfCustomWindows() {
    // 7 minutes in 5 points: 420 s / 5 = 84 s = 1.4 minutes.
    assertThat(Binning.of(window("2025-04-01T12:00:00Z", "2025-04-01T12:07:00Z"), 5).widthSeconds()).isEqualTo(84);
    // 7 minutes in 8 points: 52.5 s floors to 52.
    assertThat(Binning.of(window("2025-04-01T12:00:00Z", "2025-04-01T12:07:00Z"), 8).widthSeconds()).isEqualTo(52);
    // 10.5 s in 2 points: 5.25 s floors to 5; the fraction of a second in the window counts.
    assertThat(Binning.of(window("2025-04-01T12:00:00Z", "2025-04-01T12:00:10.5Z"), 2).widthSeconds()).isEqualTo(5);
    // 9.999999 s in 1 point floors to 9, never rounds up to 10.
    assertThat(Binning.of(window("2025-04-01T12:00:00Z", "2025-04-01T12:00:09.999999Z"), 1).widthSeconds()).isEqualTo(9);
  }

  @Test
  void maxDataPointsMustBePositive() {
    TimeWindow window = TimeWindow.last(TimeInterval.ONE_HOUR, NOW);

    assertThatThrownBy(() -> Binning.of(window, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid max_data_points: 0 (must be at least 1)");
    assertThatThrownBy(() -> Binning.of(window, -5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid max_data_points: -5 (must be at least 1)");
  }

  @Test
  void binsAreAlignedToTheEpochNotToTheWindow() {
    // 84 s bins: 2025-04-01T12:00:00Z is 1743508800 s = 20756057 * 84 + 12, so its bin starts 12 s earlier.
    Binning binning = Binning.of(window("2025-04-01T12:00:00Z", "2025-04-01T12:07:00Z"), 5);

    assertThat(binning.binStart(Instant.parse("2025-04-01T12:00:00Z"))).isEqualTo(Instant.parse("2025-04-01T11:59:48Z"));
    assertThat(binning.binStart(Instant.parse("2025-04-01T12:01:11.999999Z")))
        .isEqualTo(Instant.parse("2025-04-01T11:59:48Z"));
    assertThat(binning.binStart(Instant.parse("2025-04-01T12:01:12Z"))).isEqualTo(Instant.parse("2025-04-01T12:01:12Z"));
  }

  @Test
  void aRecordExactlyOnABoundaryStartsTheNewBin() {
    Binning binning = secondsBins(7);

    assertThat(binning.binStartMicros(14_000_000)).isEqualTo(14_000_000);
    assertThat(binning.binStartMicros(13_999_999)).isEqualTo(7_000_000);
    assertThat(binning.binStartMicros(0)).isZero();
  }

  @Test
  void instantsBeforeTheEpochFloorTowardThePast() {
    Binning binning = secondsBins(7);

    assertThat(binning.binStartMicros(-1)).isEqualTo(-7_000_000);
    assertThat(binning.binStartMicros(-7_000_000)).isEqualTo(-7_000_000);
    assertThat(binning.binStartMicros(-7_000_001)).isEqualTo(-14_000_000);
    assertThat(binning.binStart(Instant.parse("1969-12-31T23:59:59Z"))).isEqualTo(Instant.parse("1969-12-31T23:59:53Z"));
  }

  @Test
  void subMicrosecondDigitsAreDroppedAsStorageDropsThem() {
    Binning binning = secondsBins(7);

    // 1969-12-31T23:59:52.9999999995Z is stored as ...52.999999, which lies in the bin starting at ...46.
    assertThat(binning.binStart(Instant.parse("1969-12-31T23:59:52.999999999Z")))
        .isEqualTo(Instant.parse("1969-12-31T23:59:46Z"));
    assertThat(binning.binStart(Instant.parse("1970-01-01T00:00:06.999999999Z"))).isEqualTo(Instant.EPOCH);
  }

  @Test
  void dayWideBinsStartAtUtcMidnightWhateverTheJvmZone() {
    Binning binning = Binning.of(window("2025-03-01T00:00:00Z", "2025-04-01T00:00:00Z"), 31);

    assertThat(binning.widthSeconds()).isEqualTo(86_400);
    assertThat(binning.binStart(Instant.parse("2025-03-15T23:30:00Z"))).isEqualTo(Instant.parse("2025-03-15T00:00:00Z"));
  }

  @Test
  void partialBinStartsMustBeAlignedAndOverlapTheWindow() {
    // Window [12:00:00, 12:07:00), 84 s bins starting at 11:59:48, 12:01:12, ..., 12:06:48.
    Binning binning = Binning.of(window("2025-04-01T12:00:00Z", "2025-04-01T12:07:00Z"), 5);

    assertThat(binning.isBinStartInWindow(micros("2025-04-01T11:59:48Z"))).as("first bin, starts before begin").isTrue();
    assertThat(binning.isBinStartInWindow(micros("2025-04-01T12:06:48Z"))).as("last bin").isTrue();
    assertThat(binning.isBinStartInWindow(micros("2025-04-01T11:58:24Z"))).as("ends at begin").isFalse();
    assertThat(binning.isBinStartInWindow(micros("2025-04-01T12:08:12Z"))).as("after end").isFalse();
    assertThat(binning.isBinStartInWindow(micros("2025-04-01T12:00:00Z"))).as("misaligned").isFalse();
  }

  @Test
  void binningsAreEqualWhenWindowAndWidthAre() {
    TimeWindow window = TimeWindow.last(TimeInterval.ONE_HOUR, NOW);

    assertThat(Binning.of(window, 60)).isEqualTo(Binning.of(window, 60)).hasSameHashCodeAs(Binning.of(window, 60));
    assertThat(Binning.of(window, 60)).isNotEqualTo(Binning.of(window, 61));
    assertThat(Binning.of(window, 60)).hasToString(
        "Binning[window=TimeWindow[begin=2025-04-01T11:00:00Z, end=2025-04-01T12:00:00Z], widthSeconds=60]");
  }

  private static Binning secondsBins(int width) {
    return Binning.of(window("1969-12-31T00:00:00Z", "1970-01-02T00:00:00Z"), 172_800 / width);
  }

  private static TimeWindow window(String begin, String end) {
    return TimeWindow.between(Instant.parse(begin), Instant.parse(end));
  }

  private static long micros(String instant) {
    return Micros.floor(Instant.parse(instant));
  }
}
