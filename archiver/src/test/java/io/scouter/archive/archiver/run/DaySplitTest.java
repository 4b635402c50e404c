package io.scouter.archive.archiver.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DaySplitTest {
  @Test
  void cutsAtTheDayStartNearestTheMiddle() {
    assertThat(DaySplit.boundaries(Instant.parse("2025-05-02T00:00:00Z"), Instant.parse("2025-05-31T23:59:00Z"), 2))
        .containsExactly(Instant.parse("2025-05-17T00:00:00Z"));
    assertThat(DaySplit.boundaries(Instant.parse("2025-05-02T20:00:00Z"), Instant.parse("2025-05-05T01:00:00Z"), 2))
        .containsExactly(Instant.parse("2025-05-04T00:00:00Z"));
  }

  @Test
  void givesEachPartItsOwnDaysWhenThereAreEnough() {
    assertThat(DaySplit.boundaries(Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-01-12T23:00:00Z"), 4))
        .containsExactly(Instant.parse("2025-01-04T00:00:00Z"), Instant.parse("2025-01-07T00:00:00Z"),
            Instant.parse("2025-01-10T00:00:00Z"));
    assertThat(DaySplit.boundaries(Instant.parse("2025-01-01T06:00:00Z"), Instant.parse("2025-01-02T06:00:00Z"), 4))
        .as("two days hold at most two parts").containsExactly(Instant.parse("2025-01-02T00:00:00Z"));
  }

  @Test
  void neverCutsOneDayOrLeavesAPartEmpty() {
    assertThat(DaySplit.boundaries(Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-01-01T23:59:59Z"), 2))
        .isEmpty();
    assertThat(DaySplit.boundaries(Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-01-01T00:00:00Z"), 2))
        .isEmpty();
    assertThat(DaySplit.boundaries(Instant.parse("2025-01-01T23:00:00Z"), Instant.parse("2025-01-02T00:00:00Z"), 2))
        .as("the newest row opens the second day: it alone is the second part")
        .containsExactly(Instant.parse("2025-01-02T00:00:00Z"));
    assertThat(DaySplit.boundaries(Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-01-09T00:00:00Z"), 1))
        .isEmpty();
  }
}
