package io.scouter.archive.api.health;

import com.codahale.metrics.health.HealthCheck;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Healthy when the hot store answers a trivial query within a few seconds. */
public final class DatabaseHealthCheck extends HealthCheck {
  private static final int TIMEOUT_SECONDS = 5;
  private final DataSource dataSource;

  public DatabaseHealthCheck(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  protected Result check() {
    try (Connection connection = dataSource.getConnection()) {
      return connection.isValid(TIMEOUT_SECONDS)
          ? Result.healthy()
          : Result.unhealthy("Hot store did not answer within " + TIMEOUT_SECONDS + " s");
    } catch (SQLException e) {
      return Result.unhealthy("Cannot reach the hot store: " + e.getMessage());
    }
  }
}
