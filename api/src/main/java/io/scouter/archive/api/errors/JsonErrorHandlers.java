package io.scouter.archive.api.errors;

import io.dropwizard.core.setup.Environment;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * Makes Jetty's own error pages JSON in our shape, whatever the client accepts: the server's
 * handler (errors before any context, e.g. 400 bad URI, 414, 431) and both servlet contexts'
 * handlers (admin-port servlets, TRACE 405, unknown paths outside Jersey). Stacks never shown.
 */
public final class JsonErrorHandlers {
  private static final String JSON = "application/json";

  private JsonErrorHandlers() {}

  public static void install(Environment environment) {
    environment.getApplicationContext().setErrorHandler(new JsonHandler());
    environment.getAdminContext().setErrorHandler(new JsonHandler());
    environment.admin().addFilter("json-errors", new AdminErrorJsonFilter())
        .addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), false, "/*");
    environment.lifecycle().addEventListener(new LifeCycle.Listener() {
      @Override
      public void lifeCycleStarting(LifeCycle event) {
        if (event instanceof Server server) {
          server.setErrorHandler(new JsonHandler());
        }
      }
    });
  }

  /**
   * One handler for the server (errors before any context: 400 bad URI, 414, 431) and for each
   * servlet context (admin servlets, TRACE 405). Jetty's core handler serves both: a context takes
   * any request handler for its errors, and the ee10 subclass adds only servlet error-page
   * mappings, which we do not use (and it cannot serve the server level, where no servlet exists).
   */
  static final class JsonHandler extends org.eclipse.jetty.server.handler.ErrorHandler {
    JsonHandler() {
      setShowStacks(false);
      setShowCauses(false);
    }

    @Override
    protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
        String contentType, List<Charset> charsets, int code, String message, Throwable cause) throws IOException {
      return super.generateAcceptableResponse(request, response, callback, JSON, List.of(StandardCharsets.UTF_8),
          code, message, cause);
    }

    @Override
    protected void writeErrorJson(Request request, PrintWriter writer, int code, String message, Throwable cause) {
      JettyErrorJson.write(writer, code, message);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
      fields.put(new HttpField(HttpHeader.CONTENT_TYPE, JSON));
      return ByteBuffer.wrap(JettyErrorJson.body(status, reason).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean errorPageForMethod(String method) {
      return true; // Jetty writes no body for TRACE, PUT... by default: every error gets its JSON
    }
  }
}
