package io.scouter.archive.api.errors;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps our own errors to their status and JSON body; outside failures are logged once, with cause. */
@Provider
public final class ScouterExceptionMapper implements ExceptionMapper<ScouterException> {
  private static final Logger LOG = LoggerFactory.getLogger(ScouterExceptionMapper.class);
  /** The Retry-After of every 503: short, as a busy or briefly unreachable store usually recovers quickly. */
  public static final int RETRY_AFTER_SECONDS = 5;

  @Override
  public Response toResponse(ScouterException exception) {
    if (exception.category() == ErrorCategory.OVERLOADED) {
      // Load shed by design, not a failure: a stack trace per refused request would flood the log under load.
      LOG.warn("Request refused ({}): {}", exception.code(), exception.getMessage());
    } else if (exception.category() != ErrorCategory.USER_ERROR) {
      LOG.error("Request failed ({}): {}", exception.code(), exception.getMessage(), exception);
    }
    Response response = ErrorResponses.of(exception.status(), exception.code(), exception.getMessage(),
        exception.details());
    if (exception.status() == 503) {
      // An outage (or a full scan queue) passes: tell clients when to try again instead of hammering.
      response.getHeaders().putSingle("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
    }
    if (exception.status() == 413) {
      // The rest of the body is never read, so the connection cannot be reused: tell the client.
      response.getHeaders().putSingle("Connection", "close");
    }
    return response;
  }
}
