package io.scouter.archive.api.errors;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;
import java.util.Map;

/** Jersey's own errors (unknown route, wrong method, unsupported media type) in our JSON shape. */
@Provider
public final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
  @Override
  public Response toResponse(WebApplicationException exception) {
    if (exception.getResponse().hasEntity()) {
      return exception.getResponse(); // already in our shape (e.g. the 401/403 of the auth filters)
    }
    Response.StatusType status = exception.getResponse().getStatusInfo();
    String code = status.getReasonPhrase().toLowerCase(Locale.ROOT).replace(' ', '_');
    return ErrorResponses.of(status.getStatusCode(), code, status.getReasonPhrase(), Map.of());
  }
}
