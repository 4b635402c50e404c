package io.scouter.archive.api.query;

import io.scouter.archive.api.metrics.Binning;
import io.scouter.archive.api.metrics.TimeWindow;
import io.scouter.archive.catalog.drift.DriftType;
import java.util.Objects;

/**
 * One binned-metric question, already validated: which drift table, which entity, and how its
 * window is cut into bins. The names are plain values; they only ever reach PostgreSQL as bind
 * parameters and Iceberg as expression literals.
 */
public record DriftQuery(DriftType type, String space, String name, String version, Binning binning) {
  public DriftQuery {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(space, "space");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(binning, "binning");
  }

  public TimeWindow window() {
    return binning.window();
  }
}
