package io.scouter.archive.api.ingest;

import com.codahale.metrics.annotation.Timed;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scouter.archive.api.auth.Role;
import io.scouter.archive.api.errors.ScouterException;
import io.scouter.archive.catalog.drift.DriftRecord;
import io.scouter.archive.catalog.hotstore.DriftRecordInserter;
import io.scouter.archive.catalog.recordkey.ArchiveLookupException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.List;

/** {@code POST /scouter/drift}: stores a body of drift records whole, or nothing of it. */
@Path("/scouter/drift")
public final class DriftIngestResource {
  private final ObjectMapper mapper;
  private final DriftRecordParser parser = new DriftRecordParser();
  private final DriftRecordInserter inserter;
  private final long maxRequestBytes;

  public DriftIngestResource(ObjectMapper mapper, DriftRecordInserter inserter, long maxRequestBytes) {
    this.mapper = mapper;
    this.inserter = inserter;
    this.maxRequestBytes = maxRequestBytes;
  }

  @POST
  @Timed
  @RolesAllowed(Role.INGEST)
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public IngestResult ingest(@HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength, InputStream body) {
    if (contentLength != null && contentLength > maxRequestBytes) {
      throw LimitedInputStream.tooLarge(maxRequestBytes);
    }
    List<DriftRecord> records = parser.parse(readJson(body));
    try {
      return IngestResult.of(records.size(), inserter.insert(records));
    } catch (SQLException e) {
      if (isDataError(e.getSQLState())) {
        // Validation should catch every such value first; if one slips through it is still the body's fault.
        throw ScouterException.badRequest("invalid_record", "Invalid records: PostgreSQL refused a value ("
            + e.getSQLState() + ": " + e.getMessage() + ")");
      }
      throw ScouterException.unavailable("Cannot store drift records: the hot store failed (" + e.getSQLState() + ")", e);
    } catch (ArchiveLookupException e) {
      throw ScouterException.unavailable("Cannot store drift records: " + e.getMessage(), e);
    }
  }

  /** Class 22 (data exception) and 54000 (e.g. an index entry too large): the data's fault, not an outage. */
  static boolean isDataError(String sqlState) {
    return sqlState != null && (sqlState.startsWith("22") || sqlState.equals("54000"));
  }

  private JsonNode readJson(InputStream body) {
    try (InputStream limited = new LimitedInputStream(body, maxRequestBytes)) {
      JsonNode tree = mapper.readTree(limited);
      if (tree == null || tree.isMissingNode()) {
        throw ScouterException.badRequest("invalid_body", "Invalid body: empty; expected {\"records\": [...]}");
      }
      return tree;
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? ""
          : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      throw ScouterException.badRequest("malformed_json", "Malformed JSON" + where + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw ScouterException.badRequest("unreadable_body", "Cannot read request body: " + e.getMessage());
    }
  }
}
