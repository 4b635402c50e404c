package io.scouter.archive.api.archive;

import io.scouter.archive.api.auth.Role;
import io.scouter.archive.api.errors.ScouterException;
import io.scouter.archive.api.limits.ListingLimit;
import io.scouter.archive.archiver.run.ArchiveRunHistory;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** {@code GET /scouter/archive/runs?limit=N}: the most recent archive runs, newest first. */
@Path("/scouter/archive/runs")
@Produces(MediaType.APPLICATION_JSON)
public final class ArchiveRunsResource {
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 1000;

  private final ArchiveRunHistory history;

  public ArchiveRunsResource(ArchiveRunHistory history) {
    this.history = history;
  }

  @GET
  @RolesAllowed(Role.READ)
  public Map<String, List<ArchiveRunView>> runs(@QueryParam("limit") String limitText) {
    int limit = ListingLimit.parse("limit", limitText, DEFAULT_LIMIT, MAX_LIMIT);
    try {
      return Map.of("runs", history.recent(limit).stream().map(ArchiveRunView::of).toList());
    } catch (SQLException e) {
      throw ScouterException.unavailable("Cannot read archive runs: the hot store failed (" + e.getSQLState() + ")", e);
    }
  }
}
