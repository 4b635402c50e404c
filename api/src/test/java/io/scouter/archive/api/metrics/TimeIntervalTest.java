package io.scouter.archive.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeIntervalTest {
  @ParameterizedTest
  @CsvSource({
      "FiveMinutes, 5", "FifteenMinutes, 15", "ThirtyMinutes, 30", "OneHour, 60", "ThreeHours, 180",
      "SixHours, 360", "TwelveHours, 720", "TwentyFourHours, 1440", "TwoDays, 2880", "FiveDays, 7200"})
  void everyWireNameMapsToItsMinutes(String wireName, long minutes) {
    TimeInterval interval = TimeInterval.fromWireName(wireName);

    assertThat(interval.length()).isEqualTo(Duration.ofMinutes(minutes));
    assertThat(interval.wireName()).isEqualTo(wireName);
  }

  @Test
  void theTenIntervalsOfTheContractAndNoOthers() {
    assertThat(TimeInterval.values()).hasSize(10);
  }

  @Test
  void defaultIsThreeHours() {
    assertThat(TimeInterval.DEFAULT).isEqualTo(TimeInterval.THREE_HOURS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"fiveminutes", "FIVE_MINUTES", "SevenMinutes", ""})
  void unknownOrMiscasedNamesAreRejectedWithTheAcceptedValues(String wireName) {
    assertThatThrownBy(() -> TimeInterval.fromWireName(wireName))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid time_interval: " + wireName + " (expected one of FiveMinutes, FifteenMinutes, "
            + "ThirtyMinutes, OneHour, ThreeHours, SixHours, TwelveHours, TwentyFourHours, TwoDays, FiveDays)");
  }
}
