package io.scouter.archive.bench;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class BenchParametersTest {
  @Test
  void rejectsKnobsOutOfRangeNamingTheOption() {
    assertThatThrownBy(() -> new BenchParameters(0, 3, 30, 20, 5, 10, 20, 2, 1000, 5_000_000, false, Optional.empty(),
        Optional.empty(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid --entities: 0 (must be >= 1)");
    assertThatThrownBy(() -> new BenchParameters(1, 3, 30, 20, -1, 10, 20, 2, 1000, 5_000_000, false, Optional.empty(),
        Optional.empty(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid --warmup: -1 (must be >= 0)");
  }
}
