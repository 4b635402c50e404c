package io.scouter.archive.api.archive;

import jakarta.annotation.security.RolesAllowed;
import io.scouter.archive.api.auth.Role;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.scouter.archive.api.errors.ScouterException;
import io.scouter.archive.archiver.ArchiveLag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code GET /scouter/archive/lag}: how long the oldest expired, unarchived row has waited, against
 * the threshold of the {@code archive-lag} health check (which lives on the admin port; the web
 * page reads this instead).
 */
@RolesAllowed(Role.READ)
@Path("/scouter/archive/lag")
@Produces(MediaType.APPLICATION_JSON)
public final class ArchiveLagResource {
  public record Lag(@JsonProperty("lag_seconds") long lagSeconds,
      @JsonProperty("threshold_seconds") long thresholdSeconds, boolean healthy,
      @JsonProperty("measured_at") Instant measuredAt) {}

  private final ArchiveLag lag;
  private final Duration threshold;
  private final Clock clock;

  public ArchiveLagResource(ArchiveLag lag, Duration threshold, Clock clock) {
    this.lag = lag;
    this.threshold = threshold;
    this.clock = clock;
  }

  @GET
  public Lag lag() {
    Instant now = clock.instant();
    try {
      Duration behind = lag.measure(now);
      return new Lag(behind.toSeconds(), threshold.toSeconds(), behind.compareTo(threshold) <= 0, now);
    } catch (SQLException e) {
      throw ScouterException.unavailable("Cannot measure the archive lag: the hot store failed (" + e.getSQLState()
          + ")", e);
    }
  }
}
