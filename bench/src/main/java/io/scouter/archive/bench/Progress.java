package io.scouter.archive.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/** One line per step on stderr, with the time since the start, so a long run shows where it is. */
final class Progress {
  private final PrintStream out;
  private final long started = System.nanoTime();

  Progress(PrintStream out) {
    this.out = out;
  }

  void step(String format, Object... arguments) {
    out.printf(Locale.ROOT, "[%6.1f s] %s%n", elapsed().toMillis() / 1000.0,
        String.format(Locale.ROOT, format, arguments));
    out.flush();
  }

  Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - started);
  }
}
