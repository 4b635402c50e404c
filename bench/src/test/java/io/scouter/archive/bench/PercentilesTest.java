package io.scouter.archive.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {
  private static List<Duration> millis(int... values) {
    return IntStream.of(values).mapToObj(Duration::ofMillis).toList();
  }

  @Test
  void takesTheNearestRankOfTwentyShuffledRuns() {
    List<Duration> runs = new ArrayList<>(millis(IntStream.rangeClosed(1, 20).toArray()));
    Collections.shuffle(runs, new Random(7));
    assertThat(Percentiles.of(runs, 50)).isEqualTo(Duration.ofMillis(10));
    assertThat(Percentiles.of(runs, 95)).isEqualTo(Duration.ofMillis(19));
    assertThat(Percentiles.of(runs, 100)).isEqualTo(Duration.ofMillis(20));
    assertThat(Percentiles.of(runs, 1)).isEqualTo(Duration.ofMillis(1));
  }

  @Test
  void alwaysAnswersAMeasuredValue() {
    assertThat(Percentiles.of(millis(5), 95)).isEqualTo(Duration.ofMillis(5));
    assertThat(Percentiles.of(millis(9, 1), 50)).isEqualTo(Duration.ofMillis(1));
    assertThat(Percentiles.of(millis(3, 1, 2), 50)).isEqualTo(Duration.ofMillis(2));
  }

  @Test
  void rejectsNoSamplesAndPercentilesOutOfRange() {
    assertThatThrownBy(() -> Percentiles.of(List.of(), 50))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot take a percentile of no samples");
    assertThatThrownBy(() -> Percentiles.of(millis(1), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid percentile: 0.0 (must be in (0, 100])");
    assertThatThrownBy(() -> Percentiles.of(millis(1), 101))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid percentile: 101.0 (must be in (0, 100])");
  }
}
