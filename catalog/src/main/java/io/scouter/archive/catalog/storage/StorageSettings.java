package io.scouter.archive.catalog.storage;

import io.scouter.archive.catalog.settings.InvalidSettingException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where the warehouse lives and how to reach it, read once at startup from the environment.
 * Secrets are held as {@link Secret}s, so {@code toString()} is safe to log.
 *
 * @param uri the parsed {@code SCOUTER_STORAGE_URI}
 * @param provider the settings of {@code uri}'s provider; their type follows {@code uri.type()}
 */
public record StorageSettings(StorageUri uri, ProviderSettings provider) {

  /** Settings of one storage provider. */
  public sealed interface ProviderSettings permits LocalSettings, S3Settings, GcsSettings, AzureSettings {}

  /** A local directory needs no settings beyond its path. */
  public record LocalSettings() implements ProviderSettings {}

  public StorageSettings {
    Objects.requireNonNull(uri, "Invalid storage URI: null");
    Objects.requireNonNull(provider, "Invalid provider settings: null");
    if (!expectedClass(uri.type()).isInstance(provider)) {
      throw new InvalidSettingException(String.format(
          "Invalid provider settings for %s storage: %s", uri.type(), provider.getClass().getSimpleName()));
    }
  }

  /**
   * The raw values of a configuration file, one field per setting; blank means "not set". Typed so
   * that callers need not know the environment variable each one stands for.
   */
  public record Inputs(
      String uri,
      String awsRegion,
      String s3Endpoint,
      boolean s3PathStyle,
      String googleAccountJsonBase64,
      String azureAccountName,
      String azureAccountKey,
      String azureConnectionString,
      String azureEndpoint) {

    /**
     * Keyed by the variables' names because validation, shared with environments, names the
     * variable of an unusable value; the names stay inside this package.
     */
    private Map<String, String> asEnvironment() {
      Map<String, String> values = new HashMap<>();
      values.put(StorageUri.SETTING, uri);
      values.put(S3Settings.REGION, awsRegion);
      values.put(S3Settings.ENDPOINT, s3Endpoint);
      values.put(S3Settings.PATH_STYLE, Boolean.toString(s3PathStyle));
      values.put(GcsSettings.SERVICE_ACCOUNT_JSON_BASE64, googleAccountJsonBase64);
      values.put(AzureSettings.ACCOUNT_NAME, azureAccountName);
      values.put(AzureSettings.ACCOUNT_KEY, azureAccountKey);
      values.put(AzureSettings.CONNECTION_STRING, azureConnectionString);
      values.put(AzureSettings.ENDPOINT, azureEndpoint);
      values.values().removeIf(value -> value == null || value.isBlank());
      return values;
    }
  }

  /** Validates typed configuration values; relative local paths resolve against the working directory. */
  public static StorageSettings of(Inputs inputs) {
    return fromEnvironment(inputs.asEnvironment());
  }

  /** Reads the settings; relative local paths resolve against the JVM's working directory. */
  public static StorageSettings fromEnvironment(Map<String, String> environment) {
    return fromEnvironment(environment, Path.of("").toAbsolutePath());
  }

  public static StorageSettings fromEnvironment(Map<String, String> environment, Path workingDirectory) {
    StorageUri uri = StorageUri.parseWithAccountLookup(
        environment.get(StorageUri.SETTING), () -> AzureSettings.accountName(environment), workingDirectory);
    return new StorageSettings(uri, switch (uri.type()) {
      case S3 -> S3Settings.fromEnvironment(environment);
      case GCS -> GcsSettings.fromEnvironment(environment);
      case AZURE -> AzureSettings.fromEnvironment(environment, uri.azureAccount().orElseThrow());
      case LOCAL -> new LocalSettings();
    });
  }

  public StorageType type() {
    return uri.type();
  }

  public String warehouseLocation() {
    return uri.warehouseLocation();
  }

  public S3Settings s3() {
    return provider(S3Settings.class);
  }

  public GcsSettings gcs() {
    return provider(GcsSettings.class);
  }

  public AzureSettings azure() {
    return provider(AzureSettings.class);
  }

  private <T extends ProviderSettings> T provider(Class<T> expected) {
    if (!expected.isInstance(provider)) {
      throw new IllegalStateException(String.format(
          "Cannot read %s: the storage is %s (%s)", expected.getSimpleName(), uri.type(), uri));
    }
    return expected.cast(provider);
  }

  private static Class<? extends ProviderSettings> expectedClass(StorageType type) {
    return switch (type) {
      case S3 -> S3Settings.class;
      case GCS -> GcsSettings.class;
      case AZURE -> AzureSettings.class;
      case LOCAL -> LocalSettings.class;
    };
  }
}
