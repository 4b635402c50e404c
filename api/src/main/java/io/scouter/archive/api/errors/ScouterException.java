package io.scouter.archive.api.errors;

import java.util.Map;

/**
 * An error with a stable machine-readable code, a category and an HTTP status. The message is meant
 * for the client: it names the parameter or field at fault and what is accepted.
 */
public class ScouterException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;
  private final ErrorCategory category;
  private final int status;
  private final transient Map<String, Object> details;

  public ScouterException(String code, ErrorCategory category, int status, String message, Map<String, Object> details) {
    super(message);
    this.code = code;
    this.category = category;
    this.status = status;
    this.details = Map.copyOf(details);
  }

  public static ScouterException badRequest(String code, String message) {
    return new ScouterException(code, ErrorCategory.USER_ERROR, 400, message, Map.of());
  }

  public static ScouterException notFound(String message) {
    return new ScouterException("not_found", ErrorCategory.USER_ERROR, 404, message, Map.of());
  }

  public static ScouterException unavailable(String message, Throwable cause) {
    ScouterException exception = new ScouterException("unavailable", ErrorCategory.EXTERNAL, 503, message, Map.of());
    exception.initCause(cause);
    return exception;
  }

  public String code() {
    return code;
  }

  public ErrorCategory category() {
    return category;
  }

  public int status() {
    return status;
  }

  /** Extra fields of the JSON error body, such as the index of an invalid record. */
  public Map<String, Object> details() {
    return details;
  }
}
