package io.scouter.archive.api.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tuning switches Arrow's checks off unless the command line said otherwise; the JVM's settings are restored after. */
class ArrowReadTuningTest {
  private String unsafe;
  private String nullCheck;

  @BeforeEach
  void save() {
    unsafe = System.getProperty(ArrowReadTuning.UNSAFE_MEMORY_ACCESS);
    nullCheck = System.getProperty(ArrowReadTuning.NULL_CHECK_FOR_GET);
  }

  @AfterEach
  void restore() {
    restore(ArrowReadTuning.UNSAFE_MEMORY_ACCESS, unsafe);
    restore(ArrowReadTuning.NULL_CHECK_FOR_GET, nullCheck);
  }

  @Test
  void switchesTheChecksOffWhenNothingIsSet() {
    System.clearProperty(ArrowReadTuning.UNSAFE_MEMORY_ACCESS);
    System.clearProperty(ArrowReadTuning.NULL_CHECK_FOR_GET);
    ArrowReadTuning.apply();
    assertThat(System.getProperty(ArrowReadTuning.UNSAFE_MEMORY_ACCESS)).isEqualTo("true");
    assertThat(System.getProperty(ArrowReadTuning.NULL_CHECK_FOR_GET)).isEqualTo("false");
  }

  @Test
  void keepsWhatTheCommandLineSaid() {
    System.setProperty(ArrowReadTuning.UNSAFE_MEMORY_ACCESS, "false");
    System.setProperty(ArrowReadTuning.NULL_CHECK_FOR_GET, "true");
    ArrowReadTuning.apply();
    assertThat(System.getProperty(ArrowReadTuning.UNSAFE_MEMORY_ACCESS)).isEqualTo("false");
    assertThat(System.getProperty(ArrowReadTuning.NULL_CHECK_FOR_GET)).isEqualTo("true");
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }
}
