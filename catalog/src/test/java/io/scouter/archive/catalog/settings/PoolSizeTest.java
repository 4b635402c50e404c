package io.scouter.archive.catalog.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PoolSizeTest {
  @Test
  void defaultsToThirtyLikeTheOriginal() {
    assertThat(PoolSize.parse("").connections()).isEqualTo(30);
  }

  @Test
  void acceptsAWholeNumberInRange() {
    assertThat(PoolSize.parse("1").connections()).isEqualTo(1);
    assertThat(PoolSize.parse("1000").connections()).isEqualTo(1000);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "1001", "ten", "-1", "2.5"})
  void rejectsOthers(String text) {
    assertThatThrownBy(() -> PoolSize.parse(text))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessage("Invalid MAX_POOL_SIZE: '" + text + "' (accepted: a whole number from 1 to 1000)");
  }
}
