package io.scouter.archive.archiver;

import io.scouter.archive.catalog.settings.RetentionPeriod;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * How a pass archives: rows whose whole UTC day is older than the retention period are moved, in
 * runs of at most about {@code maxRowsPerRun} rows (each one Iceberg commit per table, and one
 * read-only snapshot held open in PostgreSQL while it copies; a run stops at a day boundary where it
 * can), at most {@code maxRunsPerPass} runs per table per pass, so that a backlog after an outage is
 * worked off in bounded steps.
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

  /**
   * Rows created before this instant are archived: the start of the UTC day that {@code now} minus
   * retention falls in. Archiving whole days means each (day, entity) partition is written once, in
   * one file, by the first pass after the day expires, instead of one small file per entity per
   * hourly pass; rows therefore stay hot for up to one day longer than the retention period.
   */
  public Instant cutoff(Instant now) {
    return cutoff(retention, now);
  }

  /** The same rule for callers that know only the retention period, such as the lag metric. */
  public static Instant cutoff(RetentionPeriod retention, Instant now) {
    return now.minus(retention.duration()).truncatedTo(ChronoUnit.DAYS);
  }

  public static ArchiverSettings defaults(RetentionPeriod retention) {
    return new ArchiverSettings(retention, DEFAULT_MAX_ROWS_PER_RUN, DEFAULT_MAX_RUNS_PER_PASS);
  }
}
