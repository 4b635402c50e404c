package io.scouter.archive.api.errors;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;

/**
 * The admin port's servlets (Dropwizard's tasks, metrics, threads) answer errors with a bare status
 * or {@code sendError}, which Jetty renders empty or as HTML. This filter writes our JSON instead.
 */
final class AdminErrorJsonFilter implements Filter {
  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletResponse http = (HttpServletResponse) response;
    chain.doFilter(request, new HttpServletResponseWrapper(http) {
      @Override
      public void sendError(int status, String message) throws IOException {
        writeJson(http, status, message);
      }

      @Override
      public void sendError(int status) throws IOException {
        writeJson(http, status, null);
      }
    });
    if (!http.isCommitted() && http.getStatus() >= 400 && http.getContentType() == null) {
      writeJson(http, http.getStatus(), null);
    }
  }

  private static void writeJson(HttpServletResponse response, int status, String message) throws IOException {
    response.resetBuffer();
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write(JettyErrorJson.body(status, message));
  }
}
