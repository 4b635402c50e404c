package io.scouter.archive.api.profile;

import com.codahale.metrics.annotation.Timed;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scouter.archive.api.auth.Role;
import io.scouter.archive.api.errors.ErrorCategory;
import io.scouter.archive.api.errors.ScouterException;
import io.scouter.archive.api.ingest.LimitedInputStream;
import io.scouter.archive.catalog.drift.DriftType;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.Map;

/**
 * {@code POST /scouter/profile} stores (or replaces) an entity's drift profile in the original
 * client's body; {@code GET /scouter/profile?space=&name=&version=&drift_type=Psi} returns it.
 */
@Path("/scouter/profile")
@Produces(MediaType.APPLICATION_JSON)
public final class ProfileResource {
  /**
   * Largest profile body: real profiles are kilobytes; one of 124 MB once took 4 GB of heap to
   * store and made every PSI query slow.
   */
  public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
  private final ObjectMapper mapper;
  private final ProfileStore store;

  public ProfileResource(ObjectMapper mapper, ProfileStore store) {
    this.mapper = mapper;
    this.store = store;
  }

  @POST
  @Timed
  @RolesAllowed(Role.ADMIN) // a profile changes every PSI answer of its entity
  @Consumes(MediaType.WILDCARD)
  public Stored store(InputStream body) {
    DriftProfile profile = ProfileParser.parse(readJson(readBody(body)));
    try {
      store.store(profile);
    } catch (SQLException e) {
      if (e.getSQLState() != null && e.getSQLState().startsWith("22")) {
        // A data exception: e.g. a \u0000 escape, which PostgreSQL's jsonb cannot hold.
        throw new ScouterException("invalid_profile", ErrorCategory.USER_ERROR, 400,
            "Invalid profile, field 'profile': PostgreSQL cannot store it (" + e.getMessage() + ")",
            Map.of("field", "profile"));
      }
      throw ScouterException.unavailable("Cannot store the profile: the hot store failed (" + e.getSQLState() + ")",
          e);
    }
    return new Stored("success", "Stored the " + profile.type().wireName() + " profile of space '"
        + profile.space() + "', name '" + profile.name() + "', version '" + profile.version() + "'");
  }

  /** The answer to a stored profile: {@code {"status": "success", "message": "..."}}. */
  public record Stored(String status, String message) {}

  @GET
  @Timed
  @RolesAllowed(Role.READ)
  public Response get(@QueryParam("space") String space, @QueryParam("name") String name,
      @QueryParam("version") String version, @QueryParam("drift_type") String driftType) {
    requireName("space", space);
    requireName("name", name);
    requireName("version", version);
    DriftType type = DriftType.fromWireName(driftType == null ? "" : driftType).orElseThrow(() ->
        invalidParameter("drift_type", driftType, "one of Spc, Psi, Custom"));
    if (!ProfileParser.isStorable(space) || !ProfileParser.isStorable(name) || !ProfileParser.isStorable(version)) {
      throw notFound(space, name, version, type);
    }
    try {
      String json = store.json(space, name, version, type).orElseThrow(() -> notFound(space, name, version, type));
      return Response.ok(json, MediaType.APPLICATION_JSON_TYPE).build();
    } catch (SQLException e) {
      throw ScouterException.unavailable("Cannot read the profile: the hot store failed (" + e.getSQLState() + ")", e);
    }
  }

  private static byte[] readBody(InputStream body) {
    try (InputStream limited = new LimitedInputStream(body, MAX_BODY_BYTES, "the profile route's fixed limit")) {
      return limited.readAllBytes();
    } catch (IOException e) {
      throw ScouterException.badRequest("unreadable_body", "Cannot read request body: " + e.getMessage());
    }
  }

  private JsonNode readJson(byte[] body) {
    try {
      JsonNode tree = mapper.readTree(body);
      if (tree == null || tree.isMissingNode()) {
        throw ScouterException.badRequest("invalid_body", "Invalid body: empty; expected {\"space\": ..., "
            + "\"drift_type\": \"Psi\", \"profile\": \"<profile JSON>\"}");
      }
      return tree;
    } catch (JsonProcessingException e) {
      throw ScouterException.badRequest("malformed_json", "Malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw ScouterException.badRequest("unreadable_body", "Cannot read request body: " + e.getMessage());
    }
  }

  private static void requireName(String parameter, String value) {
    if (value == null || value.isBlank()) {
      throw invalidParameter(parameter, value, "a non-empty name");
    }
  }

  private static ScouterException invalidParameter(String parameter, String value, String accepted) {
    return new ScouterException("invalid_parameter", ErrorCategory.USER_ERROR, 400, "Invalid " + parameter + ": "
        + (value == null ? "missing" : "'" + value + "'") + " (accepted: " + accepted + ")",
        Map.of("parameter", parameter));
  }

  private static ScouterException notFound(String space, String name, String version, DriftType type) {
    return ScouterException.notFound("No " + type.wireName() + " profile for space '" + space + "', name '" + name
        + "', version '" + version + "'");
  }
}
