package io.scouter.archive.api.archive;

import com.codahale.metrics.health.HealthCheck;
import io.scouter.archive.archiver.ArchiveLag;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;

/** Unhealthy when expired rows have waited for the archive longer than the threshold. */
public final class ArchiveLagHealthCheck extends HealthCheck {
  private final ArchiveLag lag;
  private final Duration threshold;
  private final Clock clock;

  public ArchiveLagHealthCheck(ArchiveLag lag, Duration threshold, Clock clock) {
    this.lag = lag;
    this.threshold = threshold;
    this.clock = clock;
  }

  @Override
  protected Result check() throws SQLException {
    Duration behind = lag.measure(clock.instant());
    String text = "Oldest expired unarchived row has waited " + behind.toSeconds() + " s (threshold "
        + threshold.toSeconds() + " s)";
    return behind.compareTo(threshold) > 0 ? Result.unhealthy(text) : Result.healthy(text);
  }
}
