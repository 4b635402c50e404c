package io.scouter.archive.api.auth;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import java.lang.reflect.Method;
import java.util.Set;

/**
 * Puts every Jersey resource method behind an API key. Default-deny: a method (or class) without
 * {@code @RolesAllowed} or {@code @PermitAll} needs {@link Role#ADMIN}, so a route added without
 * thinking about access is closed, not open. A read route opts in with
 * {@code @RolesAllowed(Role.READ)}; with {@code SCOUTER_AUTH_READS=open} such routes need no key.
 *
 * <p>Dropwizard's {@code RolesAllowedDynamicFeature} leaves unannotated methods open, which is
 * why the decision is made here; authentication itself is dropwizard-auth's filter.
 */
public final class DefaultDenyFeature implements DynamicFeature {
  private final BearerKeyFilter authentication;
  private final ReadAccess readAccess;

  public DefaultDenyFeature(ApiKeys keys, ReadAccess readAccess) {
    this.authentication = BearerKeyFilter.of(keys);
    this.readAccess = readAccess;
  }

  @Override
  public void configure(ResourceInfo resource, FeatureContext context) {
    Set<String> roles = requiredRoles(resource.getResourceMethod(), resource.getResourceClass());
    if (roles.isEmpty() || (readAccess == ReadAccess.OPEN && roles.contains(Role.READ))) {
      return;
    }
    context.register(authentication, Priorities.AUTHENTICATION);
    context.register(new RoleCheckFilter(roles), Priorities.AUTHORIZATION);
  }

  /** The roles that may call the method; empty for {@code @PermitAll}; admin when nothing is declared. */
  static Set<String> requiredRoles(Method method, Class<?> resourceClass) {
    if (method.isAnnotationPresent(PermitAll.class)) {
      return Set.of();
    }
    RolesAllowed allowed = method.getAnnotation(RolesAllowed.class);
    if (allowed == null && resourceClass.isAnnotationPresent(PermitAll.class)) {
      return Set.of();
    }
    if (allowed == null) {
      allowed = resourceClass.getAnnotation(RolesAllowed.class);
    }
    return allowed == null || allowed.value().length == 0 ? Set.of(Role.ADMIN) : Set.of(allowed.value());
  }
}
