package io.scouter.archive.catalog.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetentionPeriodTest {
  @Test
  void blankMeansSixtyDays() {
    assertThat(RetentionPeriod.parse(null).days()).isEqualTo(60);
    assertThat(RetentionPeriod.parse(" ").days()).isEqualTo(60);
  }

  @Test
  void acceptsWholeDays() {
    assertThat(RetentionPeriod.parse("1").duration()).isEqualTo(Duration.ofDays(1));
    assertThat(RetentionPeriod.parse(" 90 ").days()).isEqualTo(90);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-5", "abc", "1.5", "60d", "99999999999"})
  void rejectsAnythingElseNamingTheSetting(String text) {
    assertThatThrownBy(() -> RetentionPeriod.parse(text))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageStartingWith("Invalid DATA_RETENTION_PERIOD: '")
        .hasMessageContaining("accepted: a whole number of days >= 1");
  }
}
