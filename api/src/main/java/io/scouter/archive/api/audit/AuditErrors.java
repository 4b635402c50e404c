package io.scouter.archive.api.audit;

import io.scouter.archive.api.errors.ErrorCategory;
import io.scouter.archive.api.errors.ScouterException;
import java.util.Map;

/** The 4xx answers of the audit routes, in the service's one error shape. */
final class AuditErrors {
  private AuditErrors() {}

  /** 400 naming the parameter (or body field) at fault in {@code "parameter"}. */
  static ScouterException invalid(String parameter, String message) {
    return new ScouterException("invalid_parameter", ErrorCategory.USER_ERROR, 400, message,
        Map.of("parameter", parameter));
  }

  /** "Invalid {@code parameter}: '{@code value}' (accepted: {@code accepted})". */
  static ScouterException invalid(String parameter, String value, String accepted) {
    String shown = value == null ? "missing" : "'" + value + "'";
    return invalid(parameter, "Invalid " + parameter + ": " + shown + " (accepted: " + accepted + ")");
  }

  static ScouterException notFound(String message) {
    return ScouterException.notFound(message);
  }

  static ScouterException conflict(String message) {
    return new ScouterException("conflict", ErrorCategory.USER_ERROR, 409, message, Map.of());
  }

  static ScouterException archiveFailed(String what, RuntimeException cause) {
    return ScouterException.unavailable("Cannot " + what + ": the archive failed (" + cause.getMessage() + ")",
        cause);
  }
}
