package io.scouter.archive.catalog.storage;

import io.scouter.archive.catalog.settings.InvalidSettingException;
import java.net.URI;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * ADLS Gen2 client settings. Without a key or SAS token, {@code ADLSFileIO} authenticates with
 * {@code DefaultAzureCredential} (environment service principal, workload identity, managed
 * identity, Azure CLI).
 *
 * @param accountName the storage account ({@code AZURE_STORAGE_ACCOUNT_NAME} or the connection
 *     string's {@code AccountName})
 * @param accountKey a shared key ({@code AZURE_STORAGE_ACCOUNT_KEY} or {@code AccountKey})
 * @param sasToken a SAS token (the connection string's {@code SharedAccessSignature})
 * @param endpoint an endpoint override ({@code SCOUTER_AZURE_ENDPOINT}, or the connection string's
 *     {@code DfsEndpoint}/{@code BlobEndpoint}/{@code EndpointSuffix}), e.g. Azurite's {@code
 *     http://127.0.0.1:10000/devstoreaccount1}
 */
public record AzureSettings(
    String accountName, Optional<Secret> accountKey, Optional<Secret> sasToken, Optional<URI> endpoint)
    implements StorageSettings.ProviderSettings {
  public static final String ACCOUNT_NAME = "AZURE_STORAGE_ACCOUNT_NAME";
  public static final String ACCOUNT_KEY = "AZURE_STORAGE_ACCOUNT_KEY";
  public static final String CONNECTION_STRING = AzureConnectionString.SETTING;
  public static final String ENDPOINT = "SCOUTER_AZURE_ENDPOINT";

  public AzureSettings {
    Objects.requireNonNull(accountName, "Invalid account name: null");
    Objects.requireNonNull(accountKey, "Invalid account key: null");
    Objects.requireNonNull(sasToken, "Invalid SAS token: null");
    Objects.requireNonNull(endpoint, "Invalid endpoint: null");
  }

  /** The account name the storage URI needs, or null when none is configured. */
  static String accountName(Map<String, String> environment) {
    return EnvironmentValues.optional(environment, ACCOUNT_NAME)
        .or(() -> AzureConnectionString.fromEnvironment(environment)
            .flatMap(AzureConnectionString::accountName))
        .orElse(null);
  }

  /** Reads the settings for {@code accountName}, which the storage URI has validated. */
  static AzureSettings fromEnvironment(Map<String, String> environment, String accountName) {
    Optional<AzureConnectionString> connection = AzureConnectionString.fromEnvironment(environment);
    connection.flatMap(AzureConnectionString::accountName)
        .filter(name -> !name.equals(accountName))
        .ifPresent(name -> {
          throw new InvalidSettingException(String.format(
              "Invalid %s: its AccountName '%s' differs from %s '%s'",
              CONNECTION_STRING, name, ACCOUNT_NAME, accountName));
        });

    Optional<String> accountKey = agreeing(
        EnvironmentValues.optional(environment, ACCOUNT_KEY), ACCOUNT_KEY,
        connection.flatMap(AzureConnectionString::accountKey), "AccountKey");
    accountKey.ifPresent(AzureSettings::checkBase64);

    Optional<URI> endpoint = agreeing(
        endpoint(EnvironmentValues.optional(environment, ENDPOINT), ENDPOINT), ENDPOINT,
        endpoint(connection.flatMap(c -> c.endpoint(accountName)), CONNECTION_STRING), "endpoint");
    return new AzureSettings(
        accountName,
        accountKey.map(Secret::of),
        connection.flatMap(AzureConnectionString::sharedAccessSignature).map(Secret::of),
        endpoint);
  }

  private static Optional<URI> endpoint(Optional<String> value, String settingName) {
    return value.map(v -> EnvironmentValues.endpoint(settingName, v.replaceAll("/+$", "")));
  }

  /** Either source may give the value; when both do they must agree. Values are not quoted. */
  private static <T> Optional<T> agreeing(
      Optional<T> setting, String settingName, Optional<T> fromConnection, String part) {
    if (setting.isPresent() && fromConnection.isPresent()
        && !setting.get().equals(fromConnection.get())) {
      throw new InvalidSettingException(String.format(
          "Invalid %s: it differs from the %s in %s; set only one", settingName, part, CONNECTION_STRING));
    }
    return setting.or(() -> fromConnection);
  }

  private static void checkBase64(String key) {
    try {
      Base64.getDecoder().decode(key);
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException(
          String.format("Invalid %s: a shared key is base64 (copy it from the portal's Access keys)", ACCOUNT_KEY));
    }
  }
}
