package io.scouter.archive.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scouter.archive.catalog.drift.DriftType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairedArchiveRunsTest {

  private static PairedArchiveRuns.Pair pair(long copyMillis, long runMillis) {
    return new PairedArchiveRuns.Pair(Duration.ofMillis(copyMillis), Duration.ofMillis(runMillis));
  }

  @Test
  void aPairsRatioIsTheRunsRateOverTheCopysForTheSameRows() {
    assertThat(pair(200, 400).ratio()).isEqualTo(0.5);
    assertThat(pair(300, 200).ratio()).isEqualTo(1.5);
  }

  @Test
  void theMedianIsTheMiddlePairByRatioNotByEitherTime() {
    // By run time alone the middle pair is the 300 ms run (ratio 0.9); by COPY time, the 190 ms COPY.
    PairedArchiveRuns.Result result = new PairedArchiveRuns.Result(DriftType.SPC, 216_000, List.of(
        pair(270, 300), pair(100, 400), pair(200, 250), pair(150, 500), pair(190, 200)));

    assertThat(result.median()).isEqualTo(pair(200, 250));
    assertThat(result.slowest()).isEqualTo(pair(100, 400));
    assertThat(result.fastest()).isEqualTo(pair(190, 200));
  }

  @Test
  void anEvenCountTakesTheUpperMiddlePair() {
    PairedArchiveRuns.Result result = new PairedArchiveRuns.Result(DriftType.PSI, 10, List.of(
        pair(100, 400), pair(100, 200), pair(100, 100), pair(100, 300)));

    assertThat(result.median()).isEqualTo(pair(100, 200));
  }

  @Test
  void noPairsIsAnError() {
    assertThatThrownBy(() -> new PairedArchiveRuns.Result(DriftType.CUSTOM, 0, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("custom_metric");
  }
}
