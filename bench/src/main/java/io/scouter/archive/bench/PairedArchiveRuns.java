package io.scouter.archive.bench;

import io.scouter.archive.archiver.ArchiverSettings;
import io.scouter.archive.archiver.run.ArchiveFaults;
import io.scouter.archive.archiver.run.TableArchiver;
import io.scouter.archive.archiver.run.TableRunResult;
import io.scouter.archive.archiver.write.CopyRunFileWriter;
import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.catalog.iceberg.ArchiveCatalog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * One table's archive run against the binary COPY of the same rows, measured in pairs: a COPY, then
 * the archive pass's own per-table step ({@link TableArchiver}, plan, COPY into Parquet, commit,
 * finish) into a scratch table, repeated. The figure is the median of the pairs' ratios.
 *
 * <p>Why pairs: a single pass on a 2-core VM swings by a third from one run to the next, mostly with
 * what the JIT compiler is doing at the time. In 50 consecutive spc_drift runs after the warm-up, C2
 * was still compiling per-file and per-commit code (Parquet page flushes, Iceberg manifests and
 * metadata JSON) in every run, 3 to 1,094 ms of compiler time per run on the same 2 cores, and the
 * run's ratio to COPY went from 0.52x to 0.93x (median 0.70x). A COPY and a run back to back share
 * the machine's state of the moment; the median of several such ratios is what the machine does,
 * where one pass is one draw.
 *
 * <p>Each run needs the table's archive state empty (so it archives every expired row again);
 * afterwards its state row and run records are deleted and the scratch table dropped: the real pass
 * that follows finds the archive state as it was (and a warmer JVM, as after earlier passes).
 */
final class PairedArchiveRuns {
  static final int PAIRS = 5;

  private final DataSource dataSource;
  private final ArchiveCatalog catalog;
  private final CopyThroughput reference;
  private final ArchiverSettings settings;
  private final TableArchiver archiver;

  PairedArchiveRuns(DataSource dataSource, ArchiveCatalog catalog, CopyThroughput reference,
      ArchiverSettings settings) {
    this.dataSource = dataSource;
    this.catalog = catalog;
    this.reference = reference;
    this.settings = settings;
    this.archiver = new TableArchiver(dataSource, new CopyRunFileWriter(), ArchiveFaults.NONE, Clock.systemUTC());
  }

  /** A COPY and an archive run over the same rows, back to back. */
  record Pair(Duration copy, Duration run) {
    /** The run's rate over the COPY's, for the same rows. */
    double ratio() {
      return (double) copy.toNanos() / run.toNanos();
    }
  }

  record Result(DriftType type, long rows, List<Pair> pairs) {
    Result {
      if (pairs.isEmpty()) {
        throw new IllegalArgumentException("Cannot summarise no pairs of " + type.tableName());
      }
      pairs = List.copyOf(pairs);
    }

    /** The middle pair by ratio (the upper middle of an even count): a measured pair, not an average. */
    Pair median() {
      return byRatio().get(pairs.size() / 2);
    }

    Pair slowest() {
      return byRatio().get(0);
    }

    Pair fastest() {
      return byRatio().get(pairs.size() - 1);
    }

    private List<Pair> byRatio() {
      return pairs.stream().sorted(Comparator.comparingDouble(Pair::ratio)).toList();
    }
  }

  /**
   * {@link #PAIRS} pairs of every table, in rounds (one pair of each table per round), so that no
   * table's pairs all fall in the coldest part of the JVM's life: run first, spc_drift's five pairs
   * had a median of 0.51x in a run where custom_metric's, run last, had 0.71x.
   */
  Map<DriftType, Result> measure(Instant cutoff, Map<DriftType, Long> expectedRows) throws SQLException {
    Map<DriftType, List<Pair>> pairs = new EnumMap<>(DriftType.class);
    for (DriftType type : DriftType.values()) {
      requireNoArchiveState(type);
      pairs.put(type, new ArrayList<>());
    }
    for (int round = 0; round < PAIRS; round++) {
      for (DriftType type : DriftType.values()) {
        pairs.get(type).add(pair(type, cutoff, expectedRows.get(type)));
      }
    }
    Map<DriftType, Result> results = new EnumMap<>(DriftType.class);
    pairs.forEach((type, measured) -> results.put(type, new Result(type, expectedRows.get(type), measured)));
    return results;
  }

  private Pair pair(DriftType type, Instant cutoff, long expectedRows) throws SQLException {
    Duration copy = reference.rawCopy(type, cutoff).elapsed();
    try (ScratchTable scratch = ScratchTable.create(catalog, type, "bench_pair_" + type.tableName())) {
      TableRunResult run = archiver.archive(scratch.table(), type, UUID.randomUUID(), cutoff,
          settings.maxRowsPerRun(), settings.maxRunsPerPass());
      if (run.outcome() != TableRunResult.Outcome.DONE || run.rows() != expectedRows) {
        throw new IllegalStateException("Cannot measure: an archive run of " + type.tableName() + " ended "
            + run.outcome() + " with " + run.rows() + " of " + expectedRows + " rows"
            + (run.error() == null ? "" : ": " + run.error()));
      }
      return new Pair(copy, run.duration());
    } finally {
      forgetRuns(type);
    }
  }

  /** The runs delete every run record of the table afterwards, so they must start with none. */
  private void requireNoArchiveState(DriftType type) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(
            "SELECT (SELECT count(*) FROM scouter.archive_state WHERE table_name = ?)"
                + " + (SELECT count(*) FROM scouter.archive_run WHERE table_name = ?)")) {
      statement.setString(1, type.tableName());
      statement.setString(2, type.tableName());
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        if (rows.getLong(1) != 0) {
          throw new IllegalStateException("Cannot measure archive runs of " + type.tableName()
              + ": it already has archive state or run records");
        }
      }
    }
  }

  private void forgetRuns(DriftType type) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      for (String table : List.of("scouter.archive_state", "scouter.archive_run")) {
        try (PreparedStatement statement = connection.prepareStatement(
            "DELETE FROM " + table + " WHERE table_name = ?")) {
          statement.setString(1, type.tableName());
          statement.executeUpdate();
        }
      }
    }
  }
}
