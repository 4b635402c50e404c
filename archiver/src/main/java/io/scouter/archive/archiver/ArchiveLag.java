package io.scouter.archive.archiver;

import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.archiver.watermark.ArchiveState;
import io.scouter.archive.archiver.watermark.ArchiveWatermark;
import io.scouter.archive.catalog.settings.RetentionPeriod;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * How far the archive is behind: for the oldest due row not yet archived, the time since it became
 * due, i.e. since the later of "its UTC day + retention is over" (see
 * {@link ArchiverSettings#cutoff}) and its arrival (updated_at). A late record with an old
 * timestamp therefore starts at zero lag instead of months.
 */
public final class ArchiveLag {
  private final DataSource dataSource;
  private final RetentionPeriod retention;

  public ArchiveLag(DataSource dataSource, RetentionPeriod retention) {
    this.dataSource = dataSource;
    this.retention = retention;
  }

  public Duration measure(Instant now) throws SQLException {
    Instant cutoff = ArchiverSettings.cutoff(retention, now);
    Duration lag = Duration.ZERO;
    try (Connection connection = dataSource.getConnection()) {
      for (DriftType type : DriftType.values()) {
        ArchiveWatermark watermark = ArchiveState.watermark(connection, type);
        try (PreparedStatement statement = connection.prepareStatement(
            "SELECT min(greatest(date_bin('1 day', created_at, timestamptz '1970-01-01 00:00:00+00') "
                + "+ make_interval(days => ? + 1), updated_at)) FROM ("
                + dueRows(type, watermark, cutoff) + ") due")) {
          statement.setInt(1, retention.days());
          try (ResultSet result = statement.executeQuery()) {
            result.next();
            Timestamp due = result.getTimestamp(1);
            if (due != null) {
              Duration behind = Duration.between(due.toInstant(), now);
              lag = behind.compareTo(lag) > 0 ? behind : lag;
            }
          }
        }
      }
    }
    return lag;
  }

  /**
   * Due rows the watermark does not cover, by the two index paths the archiver itself uses: the
   * created_at range above the watermark's cutoff, and late arrivals below it.
   */
  private static String dueRows(DriftType type, ArchiveWatermark watermark, Instant cutoff) {
    String table = type.qualifiedTableName();
    String beforeCutoff = "created_at < " + ArchiveWatermark.literal(cutoff);
    if (watermark.isNone()) {
      return "SELECT created_at, updated_at FROM " + table + " WHERE " + beforeCutoff;
    }
    return "SELECT created_at, updated_at FROM " + table + " WHERE created_at >= " + watermark.cutoffLiteral()
        + " AND " + beforeCutoff
        + " UNION ALL SELECT created_at, updated_at FROM " + table + " WHERE " + watermark.lateRowsSql()
        + " AND " + beforeCutoff;
  }
}
