package io.scouter.archive.catalog.storage;

import io.scouter.archive.catalog.settings.InvalidSettingException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads typed, validated values from an environment map; every failure names the setting. */
final class EnvironmentValues {
  private EnvironmentValues() {}

  /** The trimmed value, or empty when the setting is absent or blank. */
  static Optional<String> optional(Map<String, String> environment, String name) {
    String value = environment.get(name);
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(value.strip());
  }

  static boolean booleanValue(Map<String, String> environment, String name, boolean defaultValue) {
    Optional<String> value = optional(environment, name);
    if (value.isEmpty()) {
      return defaultValue;
    }
    switch (value.get().toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        throw new InvalidSettingException(
            String.format("Invalid %s: '%s' (accepted: true or false)", name, value.get()));
    }
  }

  /**
   * An absolute http(s) endpoint with a host. User info, queries and fragments are rejected: they
   * would carry credentials or be silently dropped by the SDKs.
   */
  static URI endpoint(String name, String value) {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw new InvalidSettingException(
          String.format("Invalid %s: '%s' (%s)", name, value, e.getReason()), e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw invalidEndpoint(name, value, "scheme must be http or https");
    }
    if (uri.getHost() == null) {
      throw invalidEndpoint(name, value, "missing host");
    }
    if (uri.getRawUserInfo() != null) {
      throw new InvalidSettingException(
          String.format("Invalid %s: user info is not allowed in the endpoint", name));
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw invalidEndpoint(name, value, "query and fragment are not allowed");
    }
    return uri;
  }

  private static IllegalArgumentException invalidEndpoint(String name, String value, String why) {
    return new InvalidSettingException(
        String.format("Invalid %s: '%s' (%s; expected http(s)://host[:port][/path])", name, value, why));
  }
}
