package io.scouter.archive.api.auth;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.util.Set;

/** Lets the request through when the authenticated key holds one of the route's roles; 403 otherwise. */
final class RoleCheckFilter implements ContainerRequestFilter {
  private final Set<String> roles;

  RoleCheckFilter(Set<String> roles) {
    this.roles = Set.copyOf(roles);
  }

  @Override
  public void filter(ContainerRequestContext request) {
    if (roles.stream().noneMatch(request.getSecurityContext()::isUserInRole)) {
      String name = request.getSecurityContext().getUserPrincipal().getName();
      throw new WebApplicationException(JsonAuthErrors.forbidden(name, roles.iterator().next()));
    }
  }
}
