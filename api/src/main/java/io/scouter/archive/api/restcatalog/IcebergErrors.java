package io.scouter.archive.api.restcatalog;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.rest.responses.ErrorResponse;
import org.apache.iceberg.rest.responses.ErrorResponseParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Errors of the REST catalog in the protocol's own shape,
 * {@code {"error": {"message", "type", "code"}}}, which Iceberg clients turn back into the matching
 * exception (e.g. 404 {@code NoSuchTableException}); the service's other routes keep
 * {@code {"error", "code"}}.
 */
final class IcebergErrors {
  private static final Logger LOG = LoggerFactory.getLogger(IcebergErrors.class);
  static final String READ_ONLY = "This Iceberg catalog is read-only: the archive is written only by "
      + "Scouter Archive's archiver, so engines cannot create, change, rename or drop anything through it";

  private IcebergErrors() {}

  static Response of(int status, String type, String message) {
    ErrorResponse error = ErrorResponse.builder().responseCode(status).withType(type).withMessage(message).build();
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(ErrorResponseParser.toJson(error))
        .build();
  }

  /** Every write: 403, which Iceberg's client raises as {@code ForbiddenException} with this message. */
  static Response readOnly() {
    return of(403, "ForbiddenException", READ_ONLY);
  }

  static Response unknownPrefix(String prefix) {
    return of(404, "NotFoundException", "Unknown catalog prefix '" + prefix + "' (GET /iceberg/v1/config names it)");
  }

  /** What a read failed with, as the protocol reports it; details of server faults go to the log only. */
  static Response of(RuntimeException failure) {
    if (failure instanceof NoSuchNamespaceException || failure instanceof NoSuchTableException) {
      return of(404, failure.getClass().getSimpleName(), failure.getMessage());
    }
    if (failure instanceof IllegalArgumentException) {
      return of(400, "BadRequestException", failure.getMessage());
    }
    LOG.warn("REST catalog read failed", failure);
    return of(503, "ServiceUnavailableException",
        "The archive catalog cannot be read right now (see the service log and /healthcheck)");
  }
}
