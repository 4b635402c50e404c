package io.scouter.archive.archiver.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.scouter.archive.catalog.drift.DriftType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.apache.iceberg.types.Comparators;
import org.junit.jupiter.api.Test;

/** Sorting a partition's rows into the table's sort order: series, created_at, bin_id. */
class PartitionRunTest {
  private static final ArchivePartition PARTITION = new ArchivePartition(
      20_000, bytes("space"), bytes("name"), bytes("v1"));

  private final SeriesInterner interner = new SeriesInterner();

  @Test
  void ordersSeriesByCodePointLikeIceberg() {
    // UTF-16 order would put the emoji (a surrogate pair) before U+FFFD; Iceberg and UTF-8 do not.
    List<String> series = List.of("\uFFFD", "b", "😀", "B", "a", "", "ab", "é");
    PartitionRun run = new PartitionRun(100, DriftType.SPC);
    run.start(PARTITION);
    for (String value : series) {
      run.add(row(value, 1L, 0));
    }

    List<String> sorted = sortedSeries(run);

    List<String> expected = new ArrayList<>(series);
    expected.sort(Comparators.charSequences());
    assertThat(sorted).isEqualTo(expected).startsWith("", "B", "a", "ab", "b", "é", "\uFFFD", "😀");
  }

  @Test
  void keepsTimeOrderWithinASeriesAndSortsBinsOfOneTimestamp() {
    PartitionRun run = new PartitionRun(1000, DriftType.PSI);
    run.start(PARTITION);
    // As PostgreSQL sends them: by created_at only, features interleaved, bins in any order.
    for (long t = 0; t < 50; t++) {
      for (String feature : List.of("f2", "f1", "f3")) {
        for (int bin : new int[] {3, 1, 2, -5}) {
          run.add(row(feature, t, bin));
        }
      }
    }

    assertSorted(run);
    assertThat(run.size()).isEqualTo(600);
  }

  @Test
  void sortsInputInAnyOrder() {
    Random random = new Random(7);
    PartitionRun run = new PartitionRun(5000, DriftType.PSI);
    run.start(PARTITION);
    for (int i = 0; i < 5000; i++) {
      run.add(row("f" + random.nextInt(20), random.nextInt(300), random.nextInt(10)));
    }
    assertThat(run.isFull()).isTrue();
    assertSorted(run);
  }

  @Test
  void isReusableForTheNextPartition() {
    PartitionRun run = new PartitionRun(10, DriftType.CUSTOM);
    run.start(PARTITION);
    run.add(row("z", 5, 0));
    run.add(row("a", 9, 0));
    assertSorted(run);
    ArchivePartition next = new ArchivePartition(20_001, bytes("space"), bytes("name"), bytes("v1"));
    run.start(next);
    run.add(row("m", 1, 0));

    assertThat(run.partition()).isSameAs(next);
    assertThat(sortedSeries(run)).containsExactly("m");
  }

  private static void assertSorted(PartitionRun run) {
    run.sort();
    Comparator<CharSequence> strings = Comparators.charSequences();
    ArchiveRow previous = null;
    for (int k = 0; k < run.size(); k++) {
      ArchiveRow row = new ArchiveRow();
      run.load(k, row);
      if (previous != null) {
        int bySeries = strings.compare(string(previous), string(row));
        assertThat(bySeries).isLessThanOrEqualTo(0);
        if (bySeries == 0) {
          assertThat(previous.createdAtMicros).isLessThanOrEqualTo(row.createdAtMicros);
          if (previous.createdAtMicros == row.createdAtMicros) {
            assertThat(previous.binId).isLessThanOrEqualTo(row.binId);
          }
        }
      }
      previous = row;
    }
  }

  private static List<String> sortedSeries(PartitionRun run) {
    run.sort();
    List<String> result = new ArrayList<>();
    ArchiveRow row = new ArchiveRow();
    for (int k = 0; k < run.size(); k++) {
      run.load(k, row);
      result.add(string(row));
    }
    return result;
  }

  private ArchiveRow row(String series, long micros, int bin) {
    byte[] utf8 = bytes(series);
    ArchiveRow row = new ArchiveRow();
    row.seriesId = interner.intern(utf8, 0, utf8.length);
    row.series = interner.binary(row.seriesId);
    row.createdAtMicros = micros;
    row.binId = bin;
    return row;
  }

  private static String string(ArchiveRow row) {
    return new String(row.series.getBytesUnsafe(), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }
}
