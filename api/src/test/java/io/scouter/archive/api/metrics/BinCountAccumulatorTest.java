package io.scouter.archive.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BinCountAccumulatorTest {
  @Test
  void sumsCountsPerBinIdAndTotals() {
    BinCountAccumulator counts = new BinCountAccumulator();
    counts.add(2, 5);
    counts.add(0, 3);
    counts.add(2, 7);

    assertThat(counts.count(2)).isEqualTo(12);
    assertThat(counts.count(0)).isEqualTo(3);
    assertThat(counts.count(1)).isZero();
    assertThat(counts.total()).isEqualTo(15);
    assertThat(counts.binIds()).containsExactly(0, 2);
  }

  @Test
  void proportionsAreSharesOfTheTotalAndZeroWhenAbsent() {
    BinCountAccumulator counts = new BinCountAccumulator();
    counts.add(0, 1);
    counts.add(1, 3);

    assertThat(counts.proportion(0)).isEqualTo(0.25);
    assertThat(counts.proportion(1)).isEqualTo(0.75);
    assertThat(counts.proportion(9)).isZero();
  }

  @Test
  void aZeroTotalGivesZeroProportionsButKeepsTheBinIds() {
    BinCountAccumulator counts = new BinCountAccumulator();
    counts.add(4, 0);
    counts.add(1, 0);

    assertThat(counts.total()).isZero();
    assertThat(counts.proportion(4)).isZero();
    assertThat(counts.proportion(1)).isZero();
    assertThat(counts.binIds()).containsExactly(1, 4);
  }

  @Test
  void manyBinIdsStaySortedAndMergingInAnyOrderGivesTheSameCounts() {
    SplittableRandom random = new SplittableRandom(11);
    BinCountAccumulator rowByRow = new BinCountAccumulator();
    BinCountAccumulator[] pieces = {new BinCountAccumulator(), new BinCountAccumulator(), new BinCountAccumulator()};
    for (int record = 0; record < 10_000; record++) {
      int binId = random.nextInt(40) - 5;
      int binCount = random.nextInt(1_000);
      rowByRow.add(binId, binCount);
      pieces[random.nextInt(pieces.length)].add(binId, binCount);
    }
    BinCountAccumulator merged = new BinCountAccumulator();
    merged.merge(pieces[2]);
    pieces[0].merge(pieces[1]);
    merged.merge(pieces[0]);

    assertThat(merged.binIds()).isSorted().containsExactly(rowByRow.binIds());
    for (int binId : rowByRow.binIds()) {
      assertThat(merged.count(binId)).isEqualTo(rowByRow.count(binId));
      assertThat(merged.proportion(binId)).isEqualTo(rowByRow.proportion(binId));
    }
  }

  @Test
  void negativeCountsAreRejected() {
    assertThatThrownBy(() -> new BinCountAccumulator().add(3, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid bin_count: -1 for bin_id 3 (must not be negative)");
  }

  @Test
  void binIdsAreACopy() {
    BinCountAccumulator counts = new BinCountAccumulator();
    counts.add(1, 1);
    counts.binIds()[0] = 99;

    assertThat(counts.binIds()).containsExactly(1);
  }
}
