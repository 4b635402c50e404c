package io.scouter.archive.archiver;

import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.catalog.settings.RetentionPeriod;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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
        try (PreparedStatement statement = connection.prepareStatement(
            "SELECT min(greatest(date_bin('1 day', created_at, timestamptz '1970-01-01 00:00:00+00') "
                + "+ make_interval(days => ? + 1), updated_at)) FROM "
                + type.qualifiedTableName() + " WHERE NOT archived AND created_at < ?")) {
          statement.setInt(1, retention.days());
          statement.setObject(2, cutoff.atOffset(ZoneOffset.UTC));
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
}
