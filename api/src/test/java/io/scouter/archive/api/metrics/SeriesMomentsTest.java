package io.scouter.archive.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SeriesMomentsTest {
  // Window [12:00, 12:10) in 10 points: 60 s bins aligned to the minute.
  private static final Binning BINNING = Binning.of(
      TimeWindow.between(Instant.parse("2025-04-01T12:00:00Z"), Instant.parse("2025-04-01T12:10:00Z")), 10);

  @Test
  void spcListsOnlyBinsHoldingRecordsInAscendingTimeAndSeriesInOrder() {
    SeriesMoments moments = new SeriesMoments(BINNING);
    moments.add("zeta", at("12:07:30"), 4.0);
    moments.add("alpha", at("12:05:59.999999"), 3.0);
    moments.add("alpha", at("12:01:00"), 1.0);
    moments.add("alpha", at("12:01:59"), 2.0);
    moments.add("alpha", at("12:05:00"), 5.0);

    SpcResult result = moments.spc();

    assertThat(result.features()).containsOnlyKeys("alpha", "zeta");
    assertThat(new ArrayList<>(result.features().keySet())).containsExactly("alpha", "zeta");
    // alpha: bin 12:01 holds 1 and 2 (mean 1.5); bin 12:05 holds 3 and 5 (mean 4); no other bin appears.
    assertThat(result.features().get("alpha")).isEqualTo(new SpcResult.Feature(
        List.of(at("12:01:00"), at("12:05:00")), List.of(1.5, 4.0)));
    assertThat(result.features().get("zeta")).isEqualTo(new SpcResult.Feature(List.of(at("12:07:00")), List.of(4.0)));
  }

  @Test
  void customGivesMeanAndMeanMinusAndPlusSampleStandardDeviation() {
    SeriesMoments moments = new SeriesMoments(BINNING);
    for (double value : new double[] {2, 4, 4, 4, 5, 5, 7, 9}) {
      moments.add("mae", at("12:03:10"), value);
    }
    moments.add("mae", at("12:09:00"), 0.25);

    CustomResult result = moments.custom();

    // 2,4,4,4,5,5,7,9: mean 40 / 8 = 5; squared deviations 9+1+1+1+0+0+4+16 = 32; sd = sqrt(32 / 7)
    double sd = Math.sqrt(32.0 / 7.0);
    assertThat(result.metrics()).containsOnlyKeys("mae");
    assertThat(result.metrics().get("mae")).isEqualTo(new CustomResult.Metric("mae",
        List.of(at("12:03:00"), at("12:09:00")),
        List.of(new CustomResult.Stats(5.0, 5.0 - sd, 5.0 + sd), new CustomResult.Stats(0.25, 0.25, 0.25))));
  }

  @Test
  void aBinSplitBetweenHotAndArchivedRowsIsAnsweredOnceAndAsIfUnsplit() {
    SeriesMoments moments = new SeriesMoments(BINNING);
    // Archived (Iceberg, row by row): 1 and 2 at the start of the 12:04 bin.
    moments.add("f", at("12:04:01"), 1.0);
    moments.add("f", at("12:04:20"), 2.0);
    // Hot (PostgreSQL rows of the same bin, read into their own instance): 3 and 6.
    SeriesMoments hot = new SeriesMoments(BINNING);
    hot.add("f", at("12:04:30"), 3.0);
    hot.add("f", at("12:04:59"), 6.0);
    moments.mergeAll(hot);

    assertThat(moments.spc().features().get("f"))
        .isEqualTo(new SpcResult.Feature(List.of(at("12:04:00")), List.of(3.0)));
  }

  @Test
  void allHotAllArchivedAndEveryPartlyArchivedSplitGiveIdenticalAnswers() {
    SplittableRandom random = new SplittableRandom(2025);
    for (int iteration = 0; iteration < 200; iteration++) {
      List<Record> records = randomRecords(random, 1 + random.nextInt(400));
      long cutoff = BINNING.window().beginMicros() + random.nextLong(BINNING.window().lengthMicros() + 1);

      SeriesMoments allArchived = feed(records, Long.MAX_VALUE);
      SeriesMoments allHot = feed(records, Long.MIN_VALUE);
      SeriesMoments partly = feed(records, cutoff);

      assertThat(partly.spc()).isEqualTo(allArchived.spc()).isEqualTo(allHot.spc());
      assertThat(partly.custom()).isEqualTo(allArchived.custom()).isEqualTo(allHot.custom());
    }
  }

  @Test
  void readersFillingSeparateInstancesMergeIntoTheSameAnswer() {
    SplittableRandom random = new SplittableRandom(8);
    List<Record> records = randomRecords(random, 500);
    SeriesMoments first = new SeriesMoments(BINNING);
    SeriesMoments second = new SeriesMoments(BINNING);
    records.forEach(record -> (random.nextBoolean() ? first : second).add(record.series, record.micros, record.value));

    first.mergeAll(second);

    assertThat(first.custom()).isEqualTo(feed(records, Long.MAX_VALUE).custom());
  }

  @Test
  void aSeriesHandleAddsIntoTheSameBinsAsRecordByRecord() {
    List<Record> records = new ArrayList<>(randomRecords(new SplittableRandom(11), 2_000));
    // Both sides of bin edges, where the handle's remembered bin must stop.
    for (String time : new String[] {"12:00:59.999999", "12:01:00", "12:01:59.999999", "12:02:00", "12:00:00"}) {
      records.add(new Record("s1", Micros.floor(at(time)), time.length()));
    }
    records.sort(Comparator.comparing(Record::series).thenComparingLong(Record::micros));
    SeriesMoments viaHandles = new SeriesMoments(BINNING);
    SeriesMoments.Series s1 = viaHandles.series("s1");
    for (Record record : records) {
      // A held handle keeps adding to its series while other series are looked up in between.
      (record.series.equals("s1") ? s1 : viaHandles.series(record.series)).add(record.micros, record.value);
    }

    // Each record binned on its own, so no remembered bin is involved.
    SeriesMoments oneByOne = new SeriesMoments(BINNING);
    for (Record record : records) {
      SeriesMoments single = new SeriesMoments(BINNING);
      single.add(record.series, record.micros, record.value);
      oneByOne.mergeAll(single);
    }

    assertThat(viaHandles.custom()).isEqualTo(oneByOne.custom());
    assertThatThrownBy(() -> s1.add(Micros.floor(at("12:10:00")), 1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot bin a record created at 2025-04-01T12:10:00Z: outside the window "
            + "[2025-04-01T12:00:00Z, 2025-04-01T12:10:00Z)");
  }

  @Test
  void recordsOutsideTheWindowAreRejected() {
    SeriesMoments moments = new SeriesMoments(BINNING);

    assertThatThrownBy(() -> moments.add("f", at("12:10:00"), 1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot bin a record created at 2025-04-01T12:10:00Z: outside the window "
            + "[2025-04-01T12:00:00Z, 2025-04-01T12:10:00Z)");
    assertThatThrownBy(() -> moments.add("f", at("11:59:59.999999"), 1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot bin a record created at 2025-04-01T11:59:59.999999Z: outside the window "
            + "[2025-04-01T12:00:00Z, 2025-04-01T12:10:00Z)");
  }

  @Test
  void onlyInstancesWithTheSameBinningMerge() {
    SeriesMoments moments = new SeriesMoments(BINNING);
    SeriesMoments other = new SeriesMoments(Binning.of(BINNING.window(), 5));

    assertThatThrownBy(() -> moments.mergeAll(other))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot merge bins of Binning[window=TimeWindow[begin=2025-04-01T12:00:00Z, "
            + "end=2025-04-01T12:10:00Z], widthSeconds=120] into bins of Binning[window=TimeWindow["
            + "begin=2025-04-01T12:00:00Z, end=2025-04-01T12:10:00Z], widthSeconds=60]");
    assertThatThrownBy(() -> moments.mergeAll(moments))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot merge bins into themselves: every value would count twice");
  }

  @Test
  void noRecordsGiveEmptyResponses() {
    SeriesMoments moments = new SeriesMoments(BINNING);

    assertThat(moments.spc().features()).isEmpty();
    assertThat(moments.custom().metrics()).isEmpty();
  }

  private record Record(String series, long micros, double value) {}

  private static List<Record> randomRecords(SplittableRandom random, int count) {
    List<Double> values = MomentsAccumulatorTest.randomValues(random, count);
    List<Record> records = new ArrayList<>();
    for (double value : values) {
      long micros = BINNING.window().beginMicros() + random.nextLong(BINNING.window().lengthMicros());
      records.add(new Record("s" + random.nextInt(3), micros, value));
    }
    return records;
  }

  /** Records before the cutoff are archived, the rest hot: each side its own instance, merged as the reader does. */
  private static SeriesMoments feed(List<Record> records, long cutoffMicros) {
    SeriesMoments moments = new SeriesMoments(BINNING);
    SeriesMoments hot = new SeriesMoments(BINNING);
    for (Record record : records) {
      (record.micros < cutoffMicros ? moments : hot).add(record.series, record.micros, record.value);
    }
    moments.mergeAll(hot);
    return moments;
  }

  static Instant at(String time) {
    return Instant.parse("2025-04-01T" + time + "Z");
  }
}
