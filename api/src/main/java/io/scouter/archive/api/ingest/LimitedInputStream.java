package io.scouter.archive.api.ingest;

import io.scouter.archive.api.errors.ErrorCategory;
import io.scouter.archive.api.errors.ScouterException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Stops reading a request body past a limit. Content-Length is checked up front too, but a chunked
 * body has none, so the count is kept while reading (Jetty has no per-route body limit).
 */
final class LimitedInputStream extends FilterInputStream {
  private final long limit;
  private long count;

  LimitedInputStream(InputStream in, long limit) {
    super(in);
    this.limit = limit;
  }

  static ScouterException tooLarge(long limit) {
    return new ScouterException("payload_too_large", ErrorCategory.USER_ERROR, 413,
        "Request body is larger than the limit of " + limit + " bytes (setting ingest.maxRequestSize)", Map.of());
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      count(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int read = super.read(buffer, offset, length);
    if (read > 0) {
      count(read);
    }
    return read;
  }

  private void count(long read) {
    count += read;
    if (count > limit) {
      throw tooLarge(limit);
    }
  }
}
