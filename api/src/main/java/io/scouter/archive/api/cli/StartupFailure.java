package io.scouter.archive.api.cli;

import io.dropwizard.configuration.ConfigurationException;
import io.scouter.archive.catalog.hotstore.embedded.EmbeddedPostgresException;
import io.scouter.archive.catalog.settings.InvalidSettingException;
import java.util.Optional;

/**
 * Recognises the failures an operator causes and can fix (a bad setting, an unusable data
 * directory), so that startup reports them as one line naming the setting instead of a stack trace.
 */
final class StartupFailure {
  private StartupFailure() {}

  static Optional<String> operatorMessage(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof InvalidSettingException) {
        return Optional.of(cause.getMessage());
      }
      if (cause instanceof EmbeddedPostgresException) {
        return Optional.of(cause.getMessage() + " [the embedded server is set by SCOUTER_EMBEDDED_DATA_DIR and"
            + " SCOUTER_EMBEDDED_PORT; set DATABASE_URI to use a PostgreSQL server of your own instead]");
      }
    }
    if (failure instanceof ConfigurationException) {
      return Optional.of(failure.getMessage().strip());
    }
    return Optional.empty();
  }
}
