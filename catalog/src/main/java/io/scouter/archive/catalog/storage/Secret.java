package io.scouter.archive.catalog.storage;

import java.util.Objects;

/**
 * A credential value that never shows in {@code toString()}, so records holding one can be logged
 * safely. Read it only where it is handed to a client, through {@link #reveal()}.
 */
public final class Secret {
  private static final String REDACTED = "****";

  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  public static Secret of(String value) {
    Objects.requireNonNull(value, "Invalid secret: null");
    return new Secret(value);
  }

  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret && ((Secret) other).value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return REDACTED;
  }
}
