package io.scouter.archive.catalog.settings;

/**
 * A setting whose value cannot be used. The message names the setting and what it accepts, so that
 * startup can stop with that one line instead of a stack trace.
 */
public final class InvalidSettingException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidSettingException(String setting, String value, String accepted) {
    super(String.format("Invalid %s: '%s' (accepted: %s)", setting, value, accepted));
  }

  /** For rules whose message is better phrased freely; it must still name the setting. */
  public InvalidSettingException(String message) {
    super(message);
  }

  public InvalidSettingException(String message, Throwable cause) {
    super(message, cause);
  }

  public InvalidSettingException(String setting, String value, String accepted, Throwable cause) {
    this(setting, value, accepted);
    initCause(cause);
  }
}
