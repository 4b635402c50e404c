package io.scouter.archive.archiver;

import io.scouter.archive.catalog.settings.RetentionPeriod;

/**
 * How a pass archives: rows older than the retention period are moved, in runs of at most
 * {@code maxRowsPerRun} rows (each one Iceberg commit per table, with short PostgreSQL
 * transactions), at most {@code maxRunsPerPass} runs per table per pass, so that a backlog after an
 * outage is worked off in bounded steps.
 */
public record ArchiverSettings(RetentionPeriod retention, long maxRowsPerRun, int maxRunsPerPass) {
  public static final long DEFAULT_MAX_ROWS_PER_RUN = 5_000_000;
  public static final int DEFAULT_MAX_RUNS_PER_PASS = 20;

  public ArchiverSettings {
    if (maxRowsPerRun < 1) {
      throw new IllegalArgumentException("Invalid maxRowsPerRun: " + maxRowsPerRun + " (must be >= 1)");
    }
    if (maxRunsPerPass < 1) {
      throw new IllegalArgumentException("Invalid maxRunsPerPass: " + maxRunsPerPass + " (must be >= 1)");
    }
  }

  public static ArchiverSettings defaults(RetentionPeriod retention) {
    return new ArchiverSettings(retention, DEFAULT_MAX_ROWS_PER_RUN, DEFAULT_MAX_RUNS_PER_PASS);
  }
}
