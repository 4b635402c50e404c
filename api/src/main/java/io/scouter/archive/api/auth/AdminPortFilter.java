package io.scouter.archive.api.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * Guards the admin port, whose servlets ({@code /tasks/*}, {@code /metrics}, {@code /threads},
 * {@code /pprof}, and any added later) are not Jersey resources: everything needs an admin key
 * except {@code /healthcheck} and {@code /ping}, which liveness probes call without one.
 */
public final class AdminPortFilter implements Filter {
  static final Set<String> OPEN_PATHS = Set.of("/healthcheck", "/ping");

  private final ApiKeys keys;
  private final ObjectMapper mapper;

  public AdminPortFilter(ApiKeys keys, ObjectMapper mapper) {
    this.keys = keys;
    this.mapper = mapper;
  }

  @Override
  public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) servletRequest;
    HttpServletResponse response = (HttpServletResponse) servletResponse;
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (OPEN_PATHS.contains(path)) {
      chain.doFilter(request, response);
      return;
    }
    String token = BearerKeyFilter.bearerToken(request.getHeader(HttpHeaders.AUTHORIZATION));
    Optional<ApiKeyPrincipal> principal = token == null ? Optional.empty() : keys.authenticate(token);
    if (principal.isEmpty()) {
      write(response, JsonAuthErrors.unauthorized());
    } else if (!principal.get().holds(Role.ADMIN)) {
      write(response, JsonAuthErrors.forbidden(principal.get().name(), Role.ADMIN));
    } else {
      chain.doFilter(request, response);
    }
  }

  private void write(HttpServletResponse response, Response answer) throws IOException {
    response.setStatus(answer.getStatus());
    answer.getStringHeaders().forEach((name, values) -> response.setHeader(name, values.get(0)));
    response.setContentType("application/json");
    mapper.writeValue(response.getOutputStream(), answer.getEntity());
  }
}
