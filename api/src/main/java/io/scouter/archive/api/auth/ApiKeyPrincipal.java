package io.scouter.archive.api.auth;

import java.security.Principal;
import java.util.Set;

/** The caller behind a valid API key: the key's configured name and roles (never the key itself). */
public record ApiKeyPrincipal(String name, Set<String> roles) implements Principal {
  public ApiKeyPrincipal {
    roles = Set.copyOf(roles);
  }

  @Override
  public String getName() {
    return name;
  }

  /** Whether this key may act in {@code role}; an admin key may act in every role. */
  public boolean holds(String role) {
    return roles.contains(Role.ADMIN) || roles.contains(role);
  }
}
