package io.scouter.archive.archiver.retention;

import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.archiver.watermark.ArchiveState;
import io.scouter.archive.archiver.watermark.ArchiveWatermark;
import io.scouter.archive.catalog.hotstore.DeletionLock;
import io.scouter.archive.catalog.settings.RetentionPeriod;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes hot rows that are archived (under the archive's watermark, see
 * {@link ArchiveWatermark}) AND older than the retention period plus a grace period, in small
 * batches. Unarchived rows are never deleted, whatever their age (the original deleted by
 * age alone). The grace keeps archived rows long enough that a client re-sending an archived record
 * still hits the uniqueness key; after that, ingestion looks old records up in the archive instead,
 * under {@link DeletionLock}, which every batch here takes exclusively.
 */
public final class ExpiredRowDeleter {
  private static final Logger LOG = LoggerFactory.getLogger(ExpiredRowDeleter.class);
  public static final Duration DEFAULT_GRACE = Duration.ofDays(7);
  static final int BATCH_SIZE = 50_000;

  private final DataSource dataSource;
  private final RetentionPeriod retention;
  private final Duration grace;

  public ExpiredRowDeleter(DataSource dataSource, RetentionPeriod retention, Duration grace) {
    this.dataSource = dataSource;
    this.retention = retention;
    this.grace = grace;
  }

  /** Deletes every eligible row as of {@code now}; returns how many were deleted. */
  public long deleteExpired(Instant now) throws SQLException {
    Instant before = now.minus(retention.duration()).minus(grace);
    long total = 0;
    for (DriftType type : DriftType.values()) {
      long deleted = deleteExpired(type, before);
      if (deleted > 0) {
        LOG.info("Deleted {} archived rows of {} created before {}", deleted, type.tableName(), before);
      }
      total += deleted;
    }
    return total;
  }

  private long deleteExpired(DriftType type, Instant before) throws SQLException {
    String table = type.qualifiedTableName();
    long total = 0;
    try (Connection connection = dataSource.getConnection()) {
      ArchiveWatermark watermark = ArchiveState.watermark(connection, type);
      if (watermark.isNone()) {
        return 0;
      }
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try (PreparedStatement statement = connection.prepareStatement(
          "DELETE FROM " + table + " WHERE ctid = ANY(ARRAY(SELECT ctid FROM " + table
              + " WHERE created_at < ? AND " + watermark.archivedSql() + " LIMIT " + BATCH_SIZE + "))")) {
        statement.setObject(1, before.atOffset(ZoneOffset.UTC));
        int deleted;
        do {
          // Each batch waits for ingestion requests that are checking old records against the archive.
          DeletionLock.holdExclusive(connection);
          deleted = statement.executeUpdate();
          connection.commit();
          total += deleted;
        } while (deleted == BATCH_SIZE);
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    }
    return total;
  }

  /**
   * The statement pg_cron runs, the same rule as {@link #deleteExpired(Instant)}, for one table:
   * {@code scouter.is_archived} reads the archive's watermark when it runs, so it never deletes a
   * row the archive lacks, and it holds {@link DeletionLock} (pg_cron runs both statements in one
   * transaction). Retention plus grace in whole seconds: a grace of hours stays hours.
   */
  public String cronCommand(DriftType type) {
    long seconds = retention.duration().plus(grace).toSeconds();
    return DeletionLock.exclusiveSql() + "; DELETE FROM " + type.qualifiedTableName()
        + " WHERE created_at < now() - make_interval(secs => " + seconds + ") AND scouter.is_archived('"
        + type.tableName() + "', created_at, ins_xid)";
  }
}
