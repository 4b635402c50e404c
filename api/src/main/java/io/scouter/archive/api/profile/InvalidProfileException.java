package io.scouter.archive.api.profile;

import io.scouter.archive.api.errors.ErrorCategory;
import io.scouter.archive.api.errors.ScouterException;
import java.util.Map;

/** A profile body that cannot be stored: 400 naming the field, e.g. {@code profile.features.f1.bins[2].proportion}. */
final class InvalidProfileException extends ScouterException {
  private static final long serialVersionUID = 1L;

  InvalidProfileException(String field, String problem) {
    super("invalid_profile", ErrorCategory.USER_ERROR, 400, "Invalid profile, field '" + field + "': " + problem,
        Map.of("field", field));
  }
}
