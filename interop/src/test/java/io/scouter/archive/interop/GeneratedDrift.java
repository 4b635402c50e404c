package io.scouter.archive.interop;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Generated drift records of one entity, every {@code step} (ten minutes unless told) over a span: SPC features {@code exact}
 * (multiples of 1/8, so every sum of a few hundred is exact in a double and both engines must
 * agree bit for bit) and {@code noisy} (arbitrary doubles: equal to 1e-12 relative), a custom
 * metric and a PSI feature. Sent to the service as the original client sends them.
 */
final class GeneratedDrift {
  static final String SPACE = "interop";
  static final String NAME = "model";
  static final String VERSION = "1.0.0";
  static final Duration TEN_MINUTES = Duration.ofMinutes(10);

  final Instant from;
  final Instant to;
  final Duration step;
  final int instants;

  GeneratedDrift(Instant from, Instant to) {
    this(from, to, TEN_MINUTES);
  }

  GeneratedDrift(Instant from, Instant to, Duration step) {
    this.from = from;
    this.to = to;
    this.step = step;
    this.instants = (int) (Duration.between(from, to).toSeconds() / step.toSeconds());
  }

  /** Rows this span puts in each table: two SPC features, one custom metric, one PSI row per instant. */
  long spcRows() {
    return 2L * instants;
  }

  long customRows() {
    return instants;
  }

  long psiRows() {
    return instants;
  }

  /** The bodies of {@code POST /scouter/drift}, at most {@code perBody} instants each. */
  List<String> bodies(int perBody, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<String> bodies = new ArrayList<>();
    StringBuilder body = null;
    for (int i = 0; i < instants; i++) {
      if (i % perBody == 0) {
        if (body != null) {
          bodies.add(body.append("]}").toString());
        }
        body = new StringBuilder("{\"records\": [");
      } else {
        body.append(',');
      }
      String at = from.plus(step.multipliedBy(i)).toString();
      body.append(spc(at, "exact", (i % 37) / 8.0)).append(',')
          .append(spc(at, "noisy", random.nextDouble(-3, 3) * Math.PI)).append(',')
          .append(String.format(Locale.ROOT, "{\"Custom\": {%s, \"metric\": \"mae\", \"value\": %s}}", entity(at),
              Double.toString(random.nextDouble())))
          .append(String.format(Locale.ROOT, ",{\"Psi\": {%s, \"feature\": \"f1\", \"bin_id\": %d, \"bin_count\": %d}}",
              entity(at), i % 5, 1 + random.nextInt(100)));
    }
    if (body != null) {
      bodies.add(body.append("]}").toString());
    }
    return bodies;
  }

  private static String spc(String at, String feature, double value) {
    return "{\"Spc\": {" + entity(at) + ", \"feature\": \"" + feature + "\", \"value\": " + value + "}}";
  }

  private static String entity(String at) {
    return "\"created_at\": \"" + at + "\", \"space\": \"" + SPACE + "\", \"name\": \"" + NAME
        + "\", \"version\": \"" + VERSION + "\"";
  }
}
