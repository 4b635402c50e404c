package io.scouter.archive.api.auth;

import io.dropwizard.auth.UnauthorizedHandler;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** 401 and 403 in the service's {@code {"error", "code"}} shape; 401 carries the WWW-Authenticate challenge. */
final class JsonAuthErrors implements UnauthorizedHandler {
  static final String UNAUTHORIZED_MESSAGE =
      "Missing or unknown API key: send 'Authorization: Bearer <key>' (see the README, section Security)";

  @Override
  public Response buildResponse(String prefix, String realm) {
    return unauthorized();
  }

  static Response unauthorized() {
    return Response.status(Response.Status.UNAUTHORIZED)
        .header(HttpHeaders.WWW_AUTHENTICATE, BearerKeyFilter.PREFIX + " realm=\"scouter-archive\"")
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(Map.of("error", UNAUTHORIZED_MESSAGE, "code", "unauthorized"))
        .build();
  }

  static Response forbidden(String keyName, String role) {
    return Response.status(Response.Status.FORBIDDEN)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(Map.of("error", "Forbidden: the API key '" + keyName + "' does not hold the role '" + role
            + "' this route needs", "code", "forbidden"))
        .build();
  }
}
