package io.scouter.archive.catalog.storage;

import io.scouter.archive.catalog.settings.InvalidSettingException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The parts of an Azure Storage connection string ({@code Key=Value;...}) that matter to ADLS.
 * Iceberg does not read {@code AZURE_STORAGE_CONNECTION_STRING}, so it is split here into Iceberg's
 * {@code adls.*} properties. Keys are case-insensitive; values may contain '='. Messages never
 * quote the string, which holds the account key.
 */
final class AzureConnectionString {
  static final String SETTING = "AZURE_STORAGE_CONNECTION_STRING";

  private final Map<String, String> parts;

  private AzureConnectionString(Map<String, String> parts) {
    this.parts = parts;
  }

  static Optional<AzureConnectionString> fromEnvironment(Map<String, String> environment) {
    return EnvironmentValues.optional(environment, SETTING).map(AzureConnectionString::parse);
  }

  static AzureConnectionString parse(String value) {
    Map<String, String> parts = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (String pair : value.split(";")) {
      if (pair.isBlank()) {
        continue;
      }
      int equals = pair.indexOf('=');
      if (equals <= 0) {
        throw new InvalidSettingException(
            String.format("Invalid %s: expected Key=Value pairs separated by ';'", SETTING));
      }
      String key = pair.substring(0, equals).strip();
      if (parts.put(key, pair.substring(equals + 1).strip()) != null) {
        throw new InvalidSettingException(
            String.format("Invalid %s: key '%s' appears twice", SETTING, key));
      }
    }
    if ("true".equalsIgnoreCase(parts.get("UseDevelopmentStorage"))) {
      throw new InvalidSettingException(
          String.format(
              "Invalid %s: UseDevelopmentStorage is not supported; give AccountName, AccountKey"
                  + " and BlobEndpoint instead",
              SETTING));
    }
    return new AzureConnectionString(parts);
  }

  Optional<String> accountName() {
    return part("AccountName");
  }

  Optional<String> accountKey() {
    return part("AccountKey");
  }

  /** The SAS token without a leading '?'. */
  Optional<String> sharedAccessSignature() {
    return part("SharedAccessSignature").map(sas -> sas.startsWith("?") ? sas.substring(1) : sas);
  }

  /**
   * The explicit endpoint: {@code DfsEndpoint}, else {@code BlobEndpoint} (the Data Lake SDK maps
   * one to the other), else one built from a non-default {@code EndpointSuffix} (sovereign clouds).
   */
  Optional<String> endpoint(String account) {
    Optional<String> explicit = part("DfsEndpoint").or(() -> part("BlobEndpoint"));
    if (explicit.isPresent()) {
      return explicit;
    }
    return part("EndpointSuffix")
        .filter(suffix -> !suffix.equalsIgnoreCase("core.windows.net"))
        .map(
            suffix ->
                part("DefaultEndpointsProtocol").orElse("https").toLowerCase(Locale.ROOT)
                    + "://" + account + ".dfs." + suffix);
  }

  private Optional<String> part(String key) {
    return Optional.ofNullable(parts.get(key)).filter(value -> !value.isEmpty());
  }
}
