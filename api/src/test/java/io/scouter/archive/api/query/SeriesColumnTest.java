package io.scouter.archive.api.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.junit.jupiter.api.Test;

/**
 * Both forms the vectorized reader hands a string column in, built as real Arrow vectors: the
 * archive's files are dictionary-encoded (ids), and a writer falls back to plain UTF-8 bytes when a
 * dictionary grows too large. Rows compare equal exactly when their series are equal.
 */
class SeriesColumnTest {
  private static final List<String> SERIES = List.of("feature_a", "feature_a", "feature_b", "feature_ab",
      "feature_", "", "", "feature_a", "f\u00e9ature");

  @Test
  void plainUtf8RowsAreComparedByTheirBytes() {
    try (RootAllocator allocator = new RootAllocator();
        VarCharVector strings = new VarCharVector("feature", allocator)) {
      strings.allocateNew();
      for (int row = 0; row < SERIES.size(); row++) {
        strings.setSafe(row, SERIES.get(row).getBytes(StandardCharsets.UTF_8));
      }
      strings.setValueCount(SERIES.size());

      assertComparesLikeTheSeries(SeriesColumn.of(strings, SERIES::get));
    }
  }

  @Test
  void dictionaryEncodedRowsAreComparedByTheirIds() {
    List<String> dictionary = SERIES.stream().distinct().toList();
    try (RootAllocator allocator = new RootAllocator(); IntVector ids = new IntVector("feature", allocator)) {
      ids.allocateNew(SERIES.size());
      for (int row = 0; row < SERIES.size(); row++) {
        ids.set(row, dictionary.indexOf(SERIES.get(row)));
      }
      ids.setValueCount(SERIES.size());

      assertComparesLikeTheSeries(SeriesColumn.of(ids, row -> dictionary.get(ids.get(row))));
    }
  }

  private static void assertComparesLikeTheSeries(SeriesColumn column) {
    for (int row = 0; row < SERIES.size(); row++) {
      assertThat(column.value(row)).isEqualTo(SERIES.get(row));
      for (int other = 0; other < SERIES.size(); other++) {
        assertThat(column.same(row, other)).as("rows %d and %d", row, other)
            .isEqualTo(SERIES.get(row).equals(SERIES.get(other)));
      }
    }
  }
}
