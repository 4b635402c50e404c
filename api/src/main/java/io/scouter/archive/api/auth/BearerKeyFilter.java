package io.scouter.archive.api.auth;

import io.dropwizard.auth.AuthFilter;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Authenticates {@code Authorization: Bearer <key>}. Unlike Dropwizard's OAuth filter it never reads
 * an {@code access_token} query parameter: a key in a URL ends up in request logs and proxies.
 */
@Priority(Priorities.AUTHENTICATION)
final class BearerKeyFilter extends AuthFilter<String, ApiKeyPrincipal> {
  static final String PREFIX = "Bearer";

  static BearerKeyFilter of(ApiKeys keys) {
    return new Builder().setAuthenticator(token -> keys.authenticate(token))
        .setAuthorizer((principal, role, request) -> principal.holds(role))
        .setPrefix(PREFIX)
        .setRealm("scouter-archive")
        .setUnauthorizedHandler(new JsonAuthErrors())
        .buildAuthFilter();
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String token = bearerToken(request.getHeaderString(HttpHeaders.AUTHORIZATION));
    if (token == null || !authenticate(request, token, PREFIX)) {
      throw unauthorizedHandler.buildException(prefix, realm);
    }
  }

  /** The key of an {@code Authorization: Bearer <key>} header, or null. */
  static String bearerToken(String header) {
    if (header == null) {
      return null;
    }
    int space = header.indexOf(' ');
    if (space <= 0 || !PREFIX.equalsIgnoreCase(header.substring(0, space))) {
      return null;
    }
    String token = header.substring(space + 1).trim();
    return token.isEmpty() ? null : token;
  }

  private static final class Builder extends AuthFilterBuilder<String, ApiKeyPrincipal, BearerKeyFilter> {
    @Override
    protected BearerKeyFilter newInstance() {
      return new BearerKeyFilter();
    }
  }
}
