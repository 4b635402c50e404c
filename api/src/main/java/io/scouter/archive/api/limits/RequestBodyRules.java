package io.scouter.archive.api.limits;

import io.scouter.archive.api.errors.ErrorCategory;
import io.scouter.archive.api.errors.ScouterException;
import io.scouter.archive.api.ingest.LimitedInputStream;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Rules for the body of every request to every Jersey route, including routes added later: at
 * most {@code ingest.maxRequestSize} bytes (413, whether or not a Content-Length is sent), and a
 * Content-Encoding of {@code identity} or {@code gzip} only (415; Jetty inflates gzip before us).
 * Routes may read less: the profile route has its own, smaller limit.
 */
@Priority(Priorities.HEADER_DECORATOR)
public final class RequestBodyRules implements ContainerRequestFilter {
  static final Set<String> ENCODINGS = Set.of("identity", "gzip");
  private static final String ORIGIN = "setting ingest.maxRequestSize";

  private final long maxBytes;

  public RequestBodyRules(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String encoding = request.getHeaderString(HttpHeaders.CONTENT_ENCODING);
    if (encoding != null && !ENCODINGS.contains(encoding.trim().toLowerCase(Locale.ROOT))) {
      throw new ScouterException("unsupported_encoding", ErrorCategory.USER_ERROR, 415, "Unsupported "
          + "Content-Encoding: '" + encoding + "' (accepted: identity, gzip, or no Content-Encoding)", Map.of());
    }
    if (request.getLength() > maxBytes) {
      throw LimitedInputStream.tooLarge(maxBytes, ORIGIN);
    }
    if (request.hasEntity()) {
      request.setEntityStream(new LimitedInputStream(request.getEntityStream(), maxBytes, ORIGIN));
    }
  }
}
