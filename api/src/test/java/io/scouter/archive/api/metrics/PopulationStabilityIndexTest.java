package io.scouter.archive.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PopulationStabilityIndexTest {
  @Test
  void identicalDistributionsHaveIndexZero() {
    BinCountAccumulator observed = counts(50, 30, 20);

    assertThat(PopulationStabilityIndex.of(observed, reference(0.5, 0.3, 0.2))).isZero();
  }

  @Test
  void aTermIsTheDifferenceTimesTheLogRatioWithEpsilonOnBothSides() {
    // (0.2 - 0.5) * ln(0.2 / 0.5) = -0.3 * -0.916290731874155 = 0.274887219..., shifted by the epsilons
    assertThat(PopulationStabilityIndex.term(0.2, 0.5)).isCloseTo(0.2748872194722465, within(1e-15));
    // absent observed bin: (1e-10 - 0.2000000001) * ln(1e-10 / 0.2000000001) = -0.2 * -21.416413018006356
    assertThat(PopulationStabilityIndex.term(0.0, 0.2)).isCloseTo(4.283282603601271, within(1e-14));
    assertThat(PopulationStabilityIndex.term(0.3, 0.3)).isZero();
  }

  @Test
  void termsAreNeverNegative() {
    for (double observed = 0; observed <= 1; observed += 0.05) {
      for (double reference = 0; reference <= 1; reference += 0.05) {
        assertThat(PopulationStabilityIndex.term(observed, reference)).isGreaterThanOrEqualTo(0.0);
      }
    }
  }

  @Test
  void onlyReferenceBinIdsAddTermsButEveryObservedCountIsInTheTotal() {
    // Observed: bin 0 -> 1, bin 7 -> 1 (not in the reference): p0 = 0.5. Reference: bin 0 -> 0.5.
    BinCountAccumulator observed = new BinCountAccumulator();
    observed.add(0, 1);
    observed.add(7, 1);
    SortedMap<Integer, Double> reference = new TreeMap<>();
    reference.put(0, 0.5);

    assertThat(PopulationStabilityIndex.of(observed, reference)).isZero();
  }

  private static BinCountAccumulator counts(long... countsById) {
    BinCountAccumulator counts = new BinCountAccumulator();
    for (int binId = 0; binId < countsById.length; binId++) {
      counts.add(binId, countsById[binId]);
    }
    return counts;
  }

  private static SortedMap<Integer, Double> reference(double... proportions) {
    SortedMap<Integer, Double> reference = new TreeMap<>();
    for (int binId = 0; binId < proportions.length; binId++) {
      reference.put(binId, proportions[binId]);
    }
    return reference;
  }
}
