package io.scouter.archive.api.errors;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the one JSON error shape every route answers with: {@code {"error": "...", "code": "..."}}. */
final class ErrorResponses {
  private ErrorResponses() {}

  static Response of(int status, String code, String message, Map<String, Object> details) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", message);
    body.put("code", code);
    body.putAll(details);
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
  }
}
