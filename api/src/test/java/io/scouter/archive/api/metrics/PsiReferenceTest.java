package io.scouter.archive.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

class PsiReferenceTest {
  @Test
  void featuresAndBinIdsAreSorted() {
    PsiReference reference = PsiReference.of(Map.of("b", Map.of(10, 0.5, 2, 0.5), "a", Map.of(1, 1.0)));

    assertThat(new ArrayList<>(reference.features().keySet())).containsExactly("a", "b");
    assertThat(new ArrayList<>(reference.bins("b").keySet())).containsExactly(2, 10);
    assertThat(reference.bins("missing")).isNull();
  }

  @Test
  void proportionsMustBeFiniteAndNotNegative() {
    assertThatThrownBy(() -> PsiReference.of(Map.of("f", Map.of(3, -0.1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid reference proportion for feature 'f', bin_id 3: -0.1 (must be finite and not negative)");
    assertThatThrownBy(() -> PsiReference.of(Map.of("f", Map.of(0, Double.NaN))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid reference proportion for feature 'f', bin_id 0: NaN (must be finite and not negative)");
  }

  @Test
  void nullEntriesAreNamed() {
    Map<Integer, Double> bins = new HashMap<>();
    bins.put(1, null);

    assertThatThrownBy(() -> PsiReference.of(Map.of("f", bins)))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("bins of feature f value");
  }

  @Test
  void theReferenceCannotBeChangedAfterwards() {
    PsiReference reference = PsiReference.of(Map.of("f", Map.of(0, 1.0)));
    SortedMap<Integer, Double> bins = reference.bins("f");

    assertThatThrownBy(() -> bins.put(1, 0.0)).isInstanceOf(UnsupportedOperationException.class).message().isNull();
  }
}
