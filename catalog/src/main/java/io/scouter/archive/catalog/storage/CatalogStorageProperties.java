package io.scouter.archive.catalog.storage;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An unmodifiable map of Iceberg catalog properties whose {@code toString()} masks credential
 * values, so that the map can be logged. Iceberg copies the entries, so the masking does not
 * follow them; never log those copies.
 */
final class CatalogStorageProperties extends AbstractMap<String, String> {
  private static final String REDACTED = "****";

  private final Map<String, String> properties;

  CatalogStorageProperties(Map<String, String> properties) {
    this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
  }

  @Override
  public Set<Entry<String, String>> entrySet() {
    return properties.entrySet();
  }

  @Override
  public String get(Object key) {
    return properties.get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return properties.containsKey(key);
  }

  /** Credential keys of Iceberg's FileIOs, including ones this factory never sets itself. */
  static boolean isSecret(String key) {
    return key.equals("s3.secret-access-key")
        || key.equals("s3.session-token")
        || key.equals("adls.auth.shared-key.account.key")
        || key.startsWith("adls.sas-token.")
        || key.equals("adls.token")
        || key.equals("gcs.oauth2.token");
  }

  @Override
  public String toString() {
    return properties.entrySet().stream()
        .map(e -> e.getKey() + "=" + (isSecret(e.getKey()) ? REDACTED : e.getValue()))
        .collect(Collectors.joining(", ", "{", "}"));
  }
}
