package io.scouter.archive.api.ingest;

import io.scouter.archive.api.errors.ErrorCategory;
import io.scouter.archive.api.errors.ScouterException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.zip.ZipException;

/**
 * Stops reading a request body past a limit. Content-Length is checked up front too, but a chunked
 * body has none, so the count is kept while reading (Jetty has no per-route body limit).
 */
public final class LimitedInputStream extends FilterInputStream {
  private static final String INGEST_SETTING = "setting ingest.maxRequestSize";
  private final long limit;
  private final String origin;
  private long count;

  LimitedInputStream(InputStream in, long limit) {
    this(in, limit, INGEST_SETTING);
  }

  /** {@code origin} names where the limit comes from in the 413 message, e.g. "setting ingest.maxRequestSize". */
  public LimitedInputStream(InputStream in, long limit, String origin) {
    super(in);
    this.limit = limit;
    this.origin = origin;
  }

  static ScouterException tooLarge(long limit) {
    return tooLarge(limit, INGEST_SETTING);
  }

  public static ScouterException tooLarge(long limit, String origin) {
    return new ScouterException("payload_too_large", ErrorCategory.USER_ERROR, 413,
        "Request body is larger than the limit of " + limit + " bytes (" + origin + ")", Map.of());
  }

  @Override
  public int read() throws IOException {
    int b;
    try {
      b = super.read();
    } catch (RuntimeException e) {
      throw undecodable(e);
    }
    if (b >= 0) {
      count(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int read;
    try {
      read = super.read(buffer, offset, length);
    } catch (RuntimeException e) {
      throw undecodable(e);
    }
    if (read > 0) {
      count(read);
    }
    return read;
  }

  /** Jetty inflates a gzip body while we read and throws a RuntimeException around ZipException for bad bytes. */
  private static RuntimeException undecodable(RuntimeException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof ZipException) {
        return ScouterException.badRequest("invalid_encoding",
            "Request body is not valid gzip although Content-Encoding says so: " + cause.getMessage());
      }
    }
    return e;
  }

  private void count(long read) {
    count += read;
    if (count > limit) {
      throw tooLarge(limit, origin);
    }
  }
}
