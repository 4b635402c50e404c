package io.scouter.archive.api.errors;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Anything else is our bug: a 500 without internals, and a log line with an id the client can quote. */
@Provider
public final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
  private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

  @Override
  public Response toResponse(Throwable exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof ScouterException known) {
        // Thrown inside Jersey's entity reading (e.g. a body over its limit) and wrapped on the way out.
        return new ScouterExceptionMapper().toResponse(known);
      }
      if (cause instanceof ZipException) {
        // Jetty inflates a "Content-Encoding: gzip" body lazily; bytes that are not gzip fail wherever read.
        return ErrorResponses.of(400, "invalid_encoding", "Request body is not valid gzip although "
            + "Content-Encoding says so: " + cause.getMessage(), Map.of());
      }
    }
    String id = UUID.randomUUID().toString();
    LOG.error("Unexpected error {}", id, exception);
    return ErrorResponses.of(500, "internal", "Internal error; it has been logged with id " + id, Map.of("id", id));
  }
}
