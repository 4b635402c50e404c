package io.scouter.archive.api.metrics;

import static io.scouter.archive.api.metrics.SeriesMomentsTest.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SeriesBinCountsTest {
  private static final Binning BINNING = Binning.of(
      TimeWindow.between(Instant.parse("2025-04-01T12:00:00Z"), Instant.parse("2025-04-01T12:10:00Z")), 10);
  private static final PsiReference REFERENCE = PsiReference.of(Map.of(
      "f", Map.of(0, 0.5, 1, 0.3, 2, 0.2),
      "h", Map.of(0, 1.0)));

  @Test
  void handComputedExample() {
    SeriesBinCounts counts = new SeriesBinCounts(BINNING);
    // Bin 12:01: exactly the reference shape 50/30/20 of 100.
    counts.add("f", at("12:01:05"), 0, 50);
    counts.add("f", at("12:01:06"), 1, 30);
    counts.add("f", at("12:01:59.999999"), 2, 20);
    // Bin 12:03: bin 0 -> 10, bin 1 -> 30, bin 3 (not in the reference) -> 10; total 50, bin 2 absent.
    counts.add("f", at("12:03:00"), 0, 10);
    counts.add("f", at("12:03:10"), 1, 30);
    counts.add("f", at("12:03:20"), 3, 10);
    // Bin 12:05: one record with bin_count 0; the bin holds a record but observed nothing.
    counts.add("f", at("12:05:00"), 0, 0);
    // Feature g has records but no reference bins.
    counts.add("g", at("12:01:00"), 0, 7);

    PsiResult result = counts.psi(REFERENCE);

    // g lacks reference bins, h lacks records: only f is answered.
    assertThat(result.features()).containsOnlyKeys("f");
    PsiResult.Feature feature = result.features().get("f");
    assertThat(feature.createdAt()).containsExactly(at("12:01:00"), at("12:03:00"), at("12:05:00"));

    // 12:01: p = q for every reference bin id, each term (p - q) * ln(p / q) = 0.
    assertThat(feature.psi().get(0)).isZero();
    // 12:03: p0 = 10/50 = 0.2, p1 = 30/50 = 0.6, p2 = 0 (absent); bin 3 counts in the total only.
    //   bin 0: (0.2 - 0.5) * ln(0.2 / 0.5)                 = -0.3 * -0.916290731874155   = 0.2748872194722465
    //   bin 1: (0.6 - 0.3) * ln(0.6 / 0.3)                 =  0.3 *  0.6931471805599453  = 0.2079441541179836
    //   bin 2: (1e-10 - 0.2000000001) * ln(1e-10 / 0.2000000001) = -0.2 * -21.416413018006356 = 4.283282603601271
    //   sum                                                                              = 4.766113977191501
    assertThat(feature.psi().get(1)).isCloseTo(4.766113977191501, within(1e-12));
    // 12:05: total 0, so every proportion is 0 and each reference bin id contributes -q * ln(1e-10 / (q + 1e-10)):
    //   0.5 * 22.33270374958051 + 0.3 * 21.821878125947855 + 0.2 * 21.416413018006356
    //   = 11.166351874790255 + 6.546563437784356 + 4.283282603601271 = 21.996197916175884
    assertThat(feature.psi().get(2)).isCloseTo(21.996197916175884, within(1e-12));

    // Overall over the window: bin 0 -> 60, bin 1 -> 60, bin 2 -> 20, bin 3 -> 10; total 150.
    //   p0 = 0.4, p1 = 0.4, p2 = 2/15, p3 = 1/15
    //   bin 0: (0.4 - 0.5) * ln(0.8)          = -0.1 * -0.2231435513142097 = 0.022314355126420965
    //   bin 1: (0.4 - 0.3) * ln(4/3)          =  0.1 *  0.28768207245178085 = 0.028768207236844777
    //   bin 2: (2/15 - 0.2) * ln((2/15) / 0.2) = -1/15 * -0.4054651078581644 = 0.0270310071905443
    //   sum                                                                   = 0.07811356955381005
    assertThat(feature.overallPsi()).isCloseTo(0.07811356955381005, within(1e-12));
    assertThat(feature.bins()).containsExactly(
        Map.entry(0, 0.4), Map.entry(1, 0.4), Map.entry(2, 20.0 / 150), Map.entry(3, 10.0 / 150));
  }

  @Test
  void referenceBinIdsNeverObservedAppearWithProportionZero() {
    SeriesBinCounts counts = new SeriesBinCounts(BINNING);
    counts.add("f", at("12:00:00"), 0, 4);

    assertThat(counts.psi(REFERENCE).features().get("f").bins())
        .containsExactly(Map.entry(0, 1.0), Map.entry(1, 0.0), Map.entry(2, 0.0));
  }

  @Test
  void aBinSplitBetweenHotAndArchivedRecordsIsAnsweredOnce() {
    SeriesBinCounts split = new SeriesBinCounts(BINNING);
    split.add("f", at("12:03:00"), 0, 4);       // archived record
    split.merge("f", at("12:03:00"), 0, 6);     // hot: sum(bin_count) of bin 0 in that bin
    split.merge("f", at("12:03:00"), 1, 10);
    SeriesBinCounts whole = new SeriesBinCounts(BINNING);
    whole.add("f", at("12:03:00"), 0, 10);
    whole.add("f", at("12:03:30"), 1, 10);

    assertThat(split.psi(REFERENCE)).isEqualTo(whole.psi(REFERENCE));
    assertThat(split.psi(REFERENCE).features().get("f").createdAt()).containsExactly(at("12:03:00"));
  }

  @Test
  void aHotPartialSummingToZeroStillMarksItsBin() {
    SeriesBinCounts counts = new SeriesBinCounts(BINNING);
    counts.merge("f", at("12:07:00"), 2, 0);

    assertThat(counts.psi(REFERENCE).features().get("f").createdAt()).containsExactly(at("12:07:00"));
  }

  @Test
  void anySplitAndReaderOrderGivesIdenticalAnswersAlsoThroughFeatureHandles() {
    SplittableRandom random = new SplittableRandom(99);
    for (int iteration = 0; iteration < 100; iteration++) {
      SeriesBinCounts rowByRow = new SeriesBinCounts(BINNING);
      SeriesBinCounts hot = new SeriesBinCounts(BINNING);
      SeriesBinCounts archived = new SeriesBinCounts(BINNING);
      for (int record = 0; record < 300; record++) {
        String feature = random.nextBoolean() ? "f" : "h";
        long micros = BINNING.window().beginMicros() + random.nextLong(BINNING.window().lengthMicros());
        int binId = random.nextInt(5);
        int binCount = random.nextInt(50);
        rowByRow.add(feature, micros, binId, binCount);
        if (random.nextBoolean()) {
          hot.merge(feature, Micros.toInstant(BINNING.binStartMicros(micros)), binId, binCount);
        } else {
          archived.feature(feature).add(micros, binId, binCount);
        }
      }
      archived.mergeAll(hot);

      assertThat(archived.psi(REFERENCE)).isEqualTo(rowByRow.psi(REFERENCE));
    }
  }

  @Test
  void noRecordsGiveAnEmptyResponse() {
    assertThat(new SeriesBinCounts(BINNING).psi(REFERENCE).features()).isEmpty();
  }

  @Test
  void psiListsMatchBinStarts() {
    SeriesBinCounts counts = new SeriesBinCounts(BINNING);
    counts.add("h", at("12:09:00"), 0, 1);
    counts.add("h", at("12:00:00"), 1, 1);

    PsiResult.Feature feature = counts.psi(REFERENCE).features().get("h");
    assertThat(feature.createdAt()).containsExactly(at("12:00:00"), at("12:09:00"));
    // 12:00 observed only bin 1 (not in the reference): p0 = 0 against q0 = 1; 12:09 matches exactly.
    assertThat(feature.psi()).hasSize(2);
    assertThat(feature.psi().get(0)).isCloseTo(PopulationStabilityIndex.term(0, 1), within(0.0));
    assertThat(feature.psi().get(1)).isZero();
    assertThat(List.copyOf(feature.bins().keySet())).containsExactly(0, 1);
  }
}
