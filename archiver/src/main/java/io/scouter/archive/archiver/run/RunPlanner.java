package io.scouter.archive.archiver.run;

import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.archiver.watermark.ArchiveWatermark;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides, inside a run's snapshot, how far the run moves the watermark and which rows that
 * makes it copy. The new cutoff is the pass's cutoff, unless more than {@code maxRows} rows lie
 * between the old cutoff and it: then the run stops at a UTC day boundary (or, when one day alone
 * holds more, at the first row past the limit), so a backlog becomes several bounded runs whose
 * (day, entity) partitions are each written whole. The cutoff never moves back, even if the
 * retention period grew: rows once archived stay archived.
 *
 * <p>Newly expired rows spanning several days, at least {@link #MIN_ROWS_TO_SPLIT} of them, are cut
 * at a day boundary into {@link #EXPIRED_SLICES} slices, which the writer copies on as many
 * connections at once ({@link DaySplit}).
 */
final class RunPlanner {
  /**
   * Two: PostgreSQL serves each COPY on one backend process, and for PSI rows that process, not our
   * encoding, is what the run waits on. 2.16M PSI rows (30 days) into Parquet, 2 cores, the two
   * ways interleaved in one JVM: 1.65 s on two connections against 2.08 s on one. 216,000 SPC rows,
   * whose encoding is the bottleneck: no difference (p50 278 against 270 ms). BENCHMARKS.md, "issue
   * 17, fourth session".
   */
  static final int EXPIRED_SLICES = 2;
  /** Below this a second connection, thread and exported snapshot cost more than they save. */
  static final long MIN_ROWS_TO_SPLIT = 100_000;

  private final DriftType type;
  private final long maxRows;

  RunPlanner(DriftType type, long maxRows) {
    this.type = type;
    this.maxRows = maxRows;
  }

  /** Empty when the snapshot holds nothing to archive. */
  Optional<RunPlan> plan(RunSnapshot snapshot, ArchiveWatermark base, Instant cutoff) throws SQLException {
    return plan(snapshot, base, cutoff, null);
  }

  /** The same, leaving out late rows whose key the archive holds when {@code duplicates} is given. */
  Optional<RunPlan> plan(RunSnapshot snapshot, ArchiveWatermark base, Instant cutoff, LateDuplicateFinder duplicates)
      throws SQLException {
    Connection connection = snapshot.connection();
    Instant lower = base.isNone() ? null : base.cutoff();
    Instant upper = lower != null && cutoff.isBefore(lower) ? lower : cutoff;
    long expired = count(connection, range(lower, upper));
    if (expired > maxRows) {
      Bound bound = bound(connection, lower, upper);
      upper = bound.upper();
      expired = bound.rows();
    }
    String lateRows = base.lateRowsSql();
    long late = base.isNone() ? 0 : count(connection, lateRows);
    if (expired + late == 0) {
      return Optional.empty();
    }
    List<String> dropped = late == 0 || duplicates == null ? List.of() : duplicates.heldInArchive(connection, lateRows);
    lateRows = LateDuplicateFinder.excluding(lateRows, dropped);
    late -= dropped.size();
    List<String> slices = new ArrayList<>();
    if (expired > 0) {
      Instant from = lower;
      for (Instant boundary : splitPoints(connection, range(lower, upper), expired)) {
        slices.add(range(from, boundary));
        from = boundary;
      }
      slices.add(range(from, upper));
    }
    if (late > 0) {
      slices.add(lateRows);
    }
    // Even with nothing left to copy, the run moves the watermark over the dropped rows.
    return Optional.of(new RunPlan(ArchiveWatermark.of(upper, snapshot.snapshot()), slices, expired + late,
        dropped.size()));
  }

  /** Where the expired range is cut into slices copied at once; none for small or one-day runs. */
  private List<Instant> splitPoints(Connection connection, String range, long expired) throws SQLException {
    if (expired < MIN_ROWS_TO_SPLIT) {
      return List.of();
    }
    // Two probes of the record-key index, which leads with created_at, rather than two more
    // aggregates in the count, which would evaluate them on every row.
    return DaySplit.boundaries(createdAt(connection, "min", range), createdAt(connection, "max", range),
        EXPIRED_SLICES);
  }

  private Instant createdAt(Connection connection, String aggregate, String predicate) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT " + aggregate + "(created_at) FROM "
            + type.qualifiedTableName() + " WHERE " + predicate)) {
      row.next();
      return row.getObject(1, OffsetDateTime.class).toInstant();
    }
  }

  /** A run's new cutoff when the whole range holds too many rows, and the rows below it. */
  private record Bound(Instant upper, long rows) {}

  private Bound bound(Connection connection, Instant lower, Instant upper) throws SQLException {
    Instant pastLimit = firstPastLimit(connection, range(lower, upper));
    Instant dayStart = pastLimit.truncatedTo(ChronoUnit.DAYS);
    if (lower == null || dayStart.isAfter(lower)) {
      long rows = count(connection, range(lower, dayStart));
      if (rows > 0) {
        return new Bound(dayStart, rows);
      }
    }
    long rows = count(connection, range(lower, pastLimit));
    if (rows > 0) {
      return new Bound(pastLimit, rows);
    }
    // More than maxRows rows share the oldest timestamp: take them all rather than none.
    Instant justPast = pastLimit.plus(1, ChronoUnit.MICROS);
    return new Bound(justPast, count(connection, range(lower, justPast)));
  }

  private static String range(Instant lower, Instant upper) {
    String below = "created_at < " + ArchiveWatermark.literal(upper);
    return lower == null ? below : "created_at >= " + ArchiveWatermark.literal(lower) + " AND " + below;
  }

  private long count(Connection connection, String predicate) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(
            "SELECT count(*) FROM " + type.qualifiedTableName() + " WHERE " + predicate)) {
      row.next();
      return row.getLong(1);
    }
  }

  private Instant firstPastLimit(Connection connection, String predicate) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT created_at FROM " + type.qualifiedTableName()
            + " WHERE " + predicate + " ORDER BY created_at OFFSET " + maxRows + " LIMIT 1")) {
      row.next();
      return row.getObject(1, OffsetDateTime.class).toInstant();
    }
  }
}
