package io.scouter.archive.api.audit;

import io.scouter.archive.api.auth.Role;
import jakarta.annotation.security.RolesAllowed;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scouter.archive.api.errors.ScouterException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * {@code GET /scouter/archive/tags} (role read), {@code POST /scouter/archive/tags} with
 * {@code {"name", "as_of" | "snapshot_id", "retain_days"}} (role admin: 201 with the tag), and
 * {@code DELETE /scouter/archive/tags/{name}} (role admin).
 */
@Path("/scouter/archive/tags")
@Produces(MediaType.APPLICATION_JSON)
public final class TagsResource {
  static final int MAX_RETAIN_DAYS = 100 * 366;
  private static final Set<String> FIELDS = Set.of("name", "as_of", "snapshot_id", "retain_days");

  private final ArchiveTags tags;
  private final ObjectMapper mapper;

  TagsResource(ArchiveTags tags, ObjectMapper mapper) {
    this.tags = tags;
    this.mapper = mapper;
  }

  @GET
  @RolesAllowed(Role.READ)
  public Map<String, List<TagEntry>> list() {
    try {
      return Map.of("tags", tags.list());
    } catch (ScouterException e) {
      throw e;
    } catch (RuntimeException e) {
      throw AuditErrors.archiveFailed("list the tags", e);
    }
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  public Response create(String body) {
    JsonNode request = readObject(body);
    String name = TagName.parse("name", text(request, "name"));
    if (request.hasNonNull("as_of") && request.hasNonNull("snapshot_id")) {
      throw AuditErrors.invalid("snapshot_id", "Invalid snapshot_id: given together with as_of (accepted: at most "
          + "one of as_of, snapshot_id; neither for now)");
    }
    Optional<SnapshotReference> at = Optional.empty();
    if (request.hasNonNull("as_of")) {
      at = Optional.of(SnapshotReference.instant("as_of", text(request, "as_of")));
    } else if (request.hasNonNull("snapshot_id")) {
      JsonNode id = request.get("snapshot_id");
      at = Optional.of(SnapshotReference.id("snapshot_id", id.isIntegralNumber() ? id.asText() : id.toString()));
    }
    OptionalInt retainDays = OptionalInt.empty();
    if (request.hasNonNull("retain_days")) {
      JsonNode days = request.get("retain_days");
      if (!days.canConvertToInt() || !days.isIntegralNumber() || days.asInt() < 1 || days.asInt() > MAX_RETAIN_DAYS) {
        throw AuditErrors.invalid("retain_days", days.toString(), "a whole number of days from 1 to " + MAX_RETAIN_DAYS);
      }
      retainDays = OptionalInt.of(days.asInt());
    }
    return Response.status(Response.Status.CREATED).entity(tags.create(name, at, retainDays)).build();
  }

  @DELETE
  @Path("{name}")
  public Map<String, Object> delete(@PathParam("name") String name) {
    List<String> tables = tags.delete(TagName.parse("name", name));
    return Map.of("deleted", name, "tables", tables);
  }

  private JsonNode readObject(String body) {
    JsonNode tree;
    try {
      tree = mapper.readTree(body == null ? "" : body);
    } catch (JsonProcessingException e) {
      throw ScouterException.badRequest("malformed_json", "Malformed JSON: " + e.getOriginalMessage());
    }
    if (tree == null || !tree.isObject()) {
      throw ScouterException.badRequest("invalid_body", "Invalid body: expected {\"name\": \"q3-2026-signoff\"} "
          + "with optional \"as_of\" or \"snapshot_id\", and \"retain_days\"");
    }
    for (Iterator<String> fields = tree.fieldNames(); fields.hasNext(); ) {
      String field = fields.next();
      if (!FIELDS.contains(field)) {
        throw AuditErrors.invalid(field, "Invalid body: unknown field '" + field + "' (accepted: name, as_of, "
            + "snapshot_id, retain_days)");
      }
    }
    return tree;
  }

  private static String text(JsonNode request, String field) {
    JsonNode value = request.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw AuditErrors.invalid(field, value.toString(), field.equals("name") ? TagName.ACCEPTED
          : SnapshotReference.DATETIME_ACCEPTED);
    }
    return value.asText();
  }
}
