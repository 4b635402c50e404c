package io.scouter.archive.api.drift;

import io.scouter.archive.api.errors.ErrorCategory;
import io.scouter.archive.api.errors.ScouterException;
import java.util.Map;

/** A query parameter that cannot be used: 400 with {@code "parameter"} naming it in the JSON body. */
final class InvalidParameterException extends ScouterException {
  private static final long serialVersionUID = 1L;

  InvalidParameterException(String parameter, String message) {
    super("invalid_parameter", ErrorCategory.USER_ERROR, 400, message, Map.of("parameter", parameter));
  }

  /** "Invalid {@code parameter}: '{@code value}' (accepted: {@code accepted})". */
  static InvalidParameterException of(String parameter, String value, String accepted) {
    String shown = value == null ? "missing" : "'" + value + "'";
    return new InvalidParameterException(parameter, "Invalid " + parameter + ": " + shown + " (accepted: "
        + accepted + ")");
  }
}
