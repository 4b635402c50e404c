package io.scouter.archive.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import org.junit.jupiter.api.Test;

class DefaultDenyFeatureTest {
  static class Undeclared {
    public void delete() {}
  }

  @RolesAllowed(Role.READ)
  static class ReadClass {
    public void list() {}

    @RolesAllowed(Role.ADMIN)
    public void tag() {}

    @PermitAll
    public void index() {}
  }

  @PermitAll
  static class OpenClass {
    public void asset() {}

    @RolesAllowed(Role.INGEST)
    public void upload() {}
  }

  private static java.util.Set<String> roles(Class<?> type, String method) throws NoSuchMethodException {
    return DefaultDenyFeature.requiredRoles(type.getMethod(method), type);
  }

  @Test
  void aRouteWithoutADeclarationNeedsAdmin() throws Exception {
    assertThat(roles(Undeclared.class, "delete")).containsExactly(Role.ADMIN);
  }

  @Test
  void theMethodsDeclarationWinsOverTheClasses() throws Exception {
    assertThat(roles(ReadClass.class, "list")).containsExactly(Role.READ);
    assertThat(roles(ReadClass.class, "tag")).containsExactly(Role.ADMIN);
    assertThat(roles(ReadClass.class, "index")).isEmpty();
    assertThat(roles(OpenClass.class, "asset")).isEmpty();
    assertThat(roles(OpenClass.class, "upload")).containsExactly(Role.INGEST);
  }
}
