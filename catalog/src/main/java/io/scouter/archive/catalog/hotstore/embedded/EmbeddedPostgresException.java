package io.scouter.archive.catalog.hotstore.embedded;

/**
 * Thrown when the embedded PostgreSQL server cannot be started or stopped.
 *
 * <p>Why a dedicated unchecked type: callers (service startup, tests) usually cannot recover, but
 * they may want to catch exactly this failure, and the message must carry everything an operator
 * needs (the reason and, when the server itself failed, the tail of its log) without a debugger.
 */
public final class EmbeddedPostgresException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  EmbeddedPostgresException(String message) {
    super(message);
  }

  EmbeddedPostgresException(String message, Throwable cause) {
    super(message, cause);
  }

  /** A start failure, worded {@code "Cannot start embedded PostgreSQL: <reason>"}. */
  static EmbeddedPostgresException cannotStart(String reason) {
    return new EmbeddedPostgresException("Cannot start embedded PostgreSQL: " + reason);
  }

  /** A start failure caused by an exception, e.g. an {@link java.io.IOException}. */
  static EmbeddedPostgresException cannotStart(String reason, Throwable cause) {
    return new EmbeddedPostgresException("Cannot start embedded PostgreSQL: " + reason, cause);
  }
}
