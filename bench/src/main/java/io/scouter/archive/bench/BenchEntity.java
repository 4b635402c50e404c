package io.scouter.archive.bench;

import java.util.Locale;

/** One monitored model of the benchmark data: {@code bench / model-007 / 1.0.0}. */
record BenchEntity(String space, String name, String version) {
  static final String SPACE = "bench";
  static final String VERSION = "1.0.0";

  static BenchEntity number(int index) {
    return new BenchEntity(SPACE, String.format(Locale.ROOT, "model-%03d", index), VERSION);
  }

  @Override
  public String toString() {
    return space + "/" + name + "/" + version;
  }
}
