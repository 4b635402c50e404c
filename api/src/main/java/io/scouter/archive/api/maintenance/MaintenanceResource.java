package io.scouter.archive.api.maintenance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scouter.archive.api.auth.Role;
import io.scouter.archive.api.errors.ScouterException;
import io.scouter.archive.api.limits.ListingLimit;
import io.scouter.archive.archiver.maintenance.MaintenanceHistory;
import io.scouter.archive.archiver.maintenance.TableShape;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /scouter/archive/maintenance?limit=N}: the most recent maintenance passes, one entry
 * per table and pass, newest first, with the table's shape before and after and each step's report.
 * Readable by operators (a read role once the API has roles).
 */
@RolesAllowed(Role.READ)
@Path("/scouter/archive/maintenance")
@Produces(MediaType.APPLICATION_JSON)
public final class MaintenanceResource {
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 1000;

  private final MaintenanceHistory history;
  private final ObjectMapper json;

  public MaintenanceResource(MaintenanceHistory history, ObjectMapper json) {
    this.history = history;
    this.json = json;
  }

  @GET
  public Map<String, List<Map<String, Object>>> passes(@QueryParam("limit") String limitText) {
    int limit = ListingLimit.parse("limit", limitText, DEFAULT_LIMIT, MAX_LIMIT);
    try {
      List<Map<String, Object>> entries = new ArrayList<>();
      for (MaintenanceHistory.Entry entry : history.recent(limit)) {
        entries.add(describe(entry));
      }
      return Map.of("passes", entries);
    } catch (SQLException e) {
      throw ScouterException.unavailable("Cannot read maintenance passes: the hot store failed (" + e.getSQLState()
          + ")", e);
    }
  }

  private Map<String, Object> describe(MaintenanceHistory.Entry entry) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", entry.id());
    out.put("pass_id", entry.passId().toString());
    out.put("table", entry.table());
    out.put("status", entry.status());
    out.put("started_at", entry.startedAt() == null ? null : entry.startedAt().toString());
    out.put("finished_at", entry.finishedAt() == null ? null : entry.finishedAt().toString());
    out.put("before", shape(entry.before()));
    out.put("after", shape(entry.after()));
    try {
      out.put("steps", json.readTree(entry.stepsJson()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored maintenance steps are not JSON", e);
    }
    out.put("error", entry.error());
    return out;
  }

  private static Map<String, Long> shape(TableShape shape) {
    if (shape == null) {
      return null;
    }
    Map<String, Long> out = new LinkedHashMap<>();
    out.put("data_files", shape.dataFiles());
    out.put("bytes", shape.bytes());
    out.put("snapshots", shape.snapshots());
    out.put("manifests", shape.manifests());
    out.put("metadata_files", shape.metadataFiles());
    return out;
  }
}
