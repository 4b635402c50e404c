package io.scouter.archive.catalog.drift;

import java.time.Instant;

/**
 * One validated drift record of any type. Timestamps carry microsecond precision at most, the
 * precision both PostgreSQL and Iceberg store, so a record reads back equal to what was written.
 */
public sealed interface DriftRecord {
  DriftType type();

  Instant createdAt();

  String space();

  String name();

  String version();

  /** The feature or metric name: the series within the entity. */
  String series();

  record Spc(Instant createdAt, String space, String name, String version, String feature, double value)
      implements DriftRecord {
    @Override
    public DriftType type() {
      return DriftType.SPC;
    }

    @Override
    public String series() {
      return feature;
    }
  }

  record Psi(Instant createdAt, String space, String name, String version, String feature, int binId, int binCount)
      implements DriftRecord {
    @Override
    public DriftType type() {
      return DriftType.PSI;
    }

    @Override
    public String series() {
      return feature;
    }
  }

  record Custom(Instant createdAt, String space, String name, String version, String metric, double value)
      implements DriftRecord {
    @Override
    public DriftType type() {
      return DriftType.CUSTOM;
    }

    @Override
    public String series() {
      return metric;
    }
  }
}
