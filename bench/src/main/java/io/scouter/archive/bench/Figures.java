package io.scouter.archive.bench;

import java.time.Duration;
import java.util.Locale;

/** How figures are written in the tables: one style everywhere, independent of the JVM's locale. */
final class Figures {
  static final String NOT_AVAILABLE = "n/a";

  private Figures() {}

  static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  static String perSecond(long rows, Duration elapsed) {
    return count(Math.round(rows / seconds(elapsed)));
  }

  static double seconds(Duration elapsed) {
    return elapsed.toNanos() / 1e9;
  }

  static String secondsText(Duration elapsed) {
    return String.format(Locale.ROOT, "%.2f", seconds(elapsed));
  }

  static String millis(Duration elapsed) {
    double millis = elapsed.toNanos() / 1e6;
    return String.format(Locale.ROOT, millis < 10 ? "%.2f" : "%.1f", millis);
  }

  static String ratio(double ratio) {
    return String.format(Locale.ROOT, ratio < 0.1 ? "%.3f×" : "%.2f×", ratio);
  }

  static String mebibytes(long bytes) {
    return String.format(Locale.ROOT, "%.0f MiB", bytes / (1024.0 * 1024.0));
  }
}
