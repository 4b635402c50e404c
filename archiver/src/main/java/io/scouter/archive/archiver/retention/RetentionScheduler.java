package io.scouter.archive.archiver.retention;

import io.scouter.archive.catalog.drift.DriftType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Decides who runs the deletion: pg_cron, as the original server does, when the extension is
 * installed in this database; otherwise the service itself, on its own schedule.
 */
public final class RetentionScheduler {
  /** Hourly, at a minute that does not collide with the archiver's default start. */
  static final String CRON_SCHEDULE = "37 * * * *";

  private final DataSource dataSource;
  private final ExpiredRowDeleter deleter;

  public RetentionScheduler(DataSource dataSource, ExpiredRowDeleter deleter) {
    this.dataSource = dataSource;
    this.deleter = deleter;
  }

  public boolean pgCronInstalled() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(
            "SELECT 1 FROM pg_extension WHERE extname = 'pg_cron'");
        ResultSet result = statement.executeQuery()) {
      return result.next();
    }
  }

  /** Schedules (or reschedules: cron.schedule replaces a job of the same name) one job per table. */
  public void scheduleWithPgCron() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement("SELECT cron.schedule(?, ?, ?)")) {
      for (DriftType type : DriftType.values()) {
        statement.setString(1, "scouter-archive-retention-" + type.tableName());
        statement.setString(2, CRON_SCHEDULE);
        statement.setString(3, deleter.cronCommand(type));
        statement.execute();
      }
    }
  }
}
