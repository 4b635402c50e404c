package io.scouter.archive.api.query;

import io.scouter.archive.api.metrics.SeriesBinCounts;
import io.scouter.archive.api.metrics.SeriesMoments;
import io.scouter.archive.archiver.watermark.ArchiveState;
import io.scouter.archive.archiver.watermark.ArchiveWatermark;
import io.scouter.archive.catalog.drift.DriftType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalLong;
import org.postgresql.PGStatement;

/**
 * The PostgreSQL side of a query, inside the caller's read-only REPEATABLE READ transaction: the
 * archive state, and the hot rows that are not archived, fed to the shared accumulators (see the
 * {@code metrics} package), which alone compute metric values. The SQL text holds only table and
 * column names from {@link DriftType}; every value from the request is a bind parameter.
 *
 * <p>SPC and custom rows are streamed (binary protocol, in fetches) and added one by one, exactly
 * as the archive side adds its rows, which beat the exact float8-decomposing partial aggregate in
 * SQL, where numeric arithmetic per row dominates (figures in BENCHMARKS.md). PSI bin counts are integers, so PostgreSQL sums them per (feature, bin,
 * bin_id) exactly and only the sums travel.
 */
final class HotAggregates {
  /** Microseconds from the Unix epoch to PostgreSQL's, 2000-01-01T00:00:00Z. */
  private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;
  private static final int FETCH_SIZE = 10_000;
  private static final String ENTITY_WINDOW =
      "space = ? AND name = ? AND version = ? AND created_at >= ? AND created_at < ?";
  /** One row per table, widened by each run that moves the watermark (not an aggregate over all runs). */
  private static final String ARCHIVED_SPAN =
      "SELECT min_created_at, max_created_at FROM scouter.archive_state WHERE table_name = ?";

  private HotAggregates() {}

  /**
   * The entity's window, minus the rows the cut's Iceberg snapshot holds, as the rows created
   * since the cutoff plus the late arrivals below it: each part is an index range, where "not
   * archived" as one filter would read every archived row still in PostgreSQL (the grace period)
   * just to drop it. Takes the entity and window parameters once per part ({@link #parts}).
   */
  private static String hotRows(DriftType type, String columns, ArchiveCut cut) {
    String select = "SELECT " + columns + " FROM " + type.qualifiedTableName() + " WHERE " + ENTITY_WINDOW + " AND ";
    ArchiveWatermark watermark = cut.watermark();
    if (watermark.isNone()) {
      return select + "true";
    }
    return select + watermark.recentRowsSql() + " UNION ALL " + select + watermark.lateRowsSql();
  }

  private static int parts(ArchiveCut cut) {
    return cut.watermark().isNone() ? 1 : 2;
  }

  private static String valuesSql(DriftType type, ArchiveCut cut) {
    return hotRows(type, type.seriesColumn() + ", created_at, value", cut);
  }

  private static String binCountsSql(ArchiveCut cut) {
    return "SELECT feature, "
        + "date_bin(make_interval(secs => ?), created_at, timestamptz '1970-01-01 00:00:00+00') AS bin_start, "
        + "bin_id, sum(bin_count) FROM (" + hotRows(DriftType.PSI, "feature, created_at, bin_id, bin_count", cut)
        + ") AS hot GROUP BY 1, 2, 3";
  }

  /**
   * Starts the transaction's reads. Plans are made for each query's own values: a generic plan
   * of these statements (which the driver prepares once per connection) guesses the window's
   * selectivity and may scan every unarchived row by time instead of the entity's index.
   */
  static void begin(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET LOCAL plan_cache_mode = force_custom_plan");
    }
  }

  /** The archive state this transaction sees for the query's table. */
  static ArchiveCut readCut(Connection connection, DriftType type) throws SQLException {
    Optional<ArchiveState> state = ArchiveState.read(connection, type);
    if (state.isEmpty()) {
      return ArchiveCut.EMPTY;
    }
    try (PreparedStatement statement = connection.prepareStatement(ARCHIVED_SPAN)) {
      statement.setString(1, type.tableName());
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        OffsetDateTime oldest = row.getObject(1, OffsetDateTime.class);
        OffsetDateTime newest = row.getObject(2, OffsetDateTime.class);
        return new ArchiveCut(OptionalLong.of(state.get().snapshotId()), state.get().watermark(),
            oldest == null ? null : oldest.toInstant(), newest == null ? null : newest.toInstant());
      }
    }
  }

  /** Adds the query's unarchived hot SPC or custom rows to {@code target}. */
  static void moments(Connection connection, ArchiveCut cut, DriftQuery query, SeriesMoments target)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(valuesSql(query.type(), cut))) {
      // Binary results from the first execution: timestamps and doubles arrive as raw 8-byte values.
      statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
      statement.setFetchSize(FETCH_SIZE);
      bindEntityWindow(statement, 1, query, parts(cut));
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          target.add(row.getString(1), micros(row, 2), row.getDouble(3));
        }
      }
    }
  }

  /** Merges the summed PSI bin counts of the query's unarchived hot rows into {@code target}. */
  static void binCounts(Connection connection, ArchiveCut cut, DriftQuery query, SeriesBinCounts target)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(binCountsSql(cut))) {
      statement.setDouble(1, query.binning().widthSeconds());
      bindEntityWindow(statement, 2, query, parts(cut));
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          target.merge(row.getString(1), row.getObject(2, OffsetDateTime.class).toInstant(), row.getInt(3),
              row.getLong(4));
        }
      }
    }
  }

  /** Binds the entity and window {@code parts} times, from parameter {@code first} on. */
  private static void bindEntityWindow(PreparedStatement statement, int first, DriftQuery query, int parts)
      throws SQLException {
    for (int part = 0, index = first; part < parts; part++, index += 5) {
      statement.setString(index, query.space());
      statement.setString(index + 1, query.name());
      statement.setString(index + 2, query.version());
      statement.setObject(index + 3, query.window().begin().atOffset(ZoneOffset.UTC));
      statement.setObject(index + 4, query.window().end().atOffset(ZoneOffset.UTC));
    }
  }

  /**
   * A timestamptz column as microseconds since the Unix epoch. In binary format it is PostgreSQL's
   * own 8-byte count of microseconds since 2000-01-01 (no object per row); a text value (never
   * 8 bytes long) goes through the driver's parser.
   */
  private static long micros(ResultSet row, int column) throws SQLException {
    byte[] raw = row.getBytes(column);
    if (raw.length == Long.BYTES) {
      long value = 0;
      for (byte b : raw) {
        value = (value << 8) | (b & 0xFF);
      }
      return value + POSTGRES_EPOCH_MICROS;
    }
    OffsetDateTime at = row.getObject(column, OffsetDateTime.class);
    return Math.addExact(Math.multiplyExact(at.toEpochSecond(), 1_000_000L), at.getNano() / 1_000);
  }
}
