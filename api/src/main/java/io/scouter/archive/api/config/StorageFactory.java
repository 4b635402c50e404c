package io.scouter.archive.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.scouter.archive.catalog.storage.AzureSettings;
import io.scouter.archive.catalog.storage.GcsSettings;
import io.scouter.archive.catalog.storage.S3Settings;
import io.scouter.archive.catalog.storage.StorageSettings;
import io.scouter.archive.catalog.storage.StorageUri;
import java.util.HashMap;
import java.util.Map;

/**
 * Where archived data lives. Each key mirrors the environment variable that config.yml reads it
 * from; the rules (accepted URIs, which credentials go with which store) live in the catalog
 * module's {@link StorageSettings}, so that they hold without Dropwizard too.
 */
public final class StorageFactory {
  private final Map<String, String> values = new HashMap<>();

  private void put(String variable, String value) {
    if (value == null || value.isBlank()) {
      values.remove(variable);
    } else {
      values.put(variable, value);
    }
  }

  @JsonProperty("uri")
  public void setUri(String value) {
    put(StorageUri.SETTING, value);
  }

  @JsonProperty("awsRegion")
  public void setAwsRegion(String value) {
    put(S3Settings.REGION, value);
  }

  @JsonProperty("s3Endpoint")
  public void setS3Endpoint(String value) {
    put(S3Settings.ENDPOINT, value);
  }

  @JsonProperty("s3PathStyle")
  public void setS3PathStyle(String value) {
    put(S3Settings.PATH_STYLE, value);
  }

  @JsonProperty("googleAccountJsonBase64")
  public void setGoogleAccountJsonBase64(String value) {
    put(GcsSettings.SERVICE_ACCOUNT_JSON_BASE64, value);
  }

  @JsonProperty("azureAccountName")
  public void setAzureAccountName(String value) {
    put(AzureSettings.ACCOUNT_NAME, value);
  }

  @JsonProperty("azureAccountKey")
  public void setAzureAccountKey(String value) {
    put(AzureSettings.ACCOUNT_KEY, value);
  }

  @JsonProperty("azureConnectionString")
  public void setAzureConnectionString(String value) {
    put(AzureSettings.CONNECTION_STRING, value);
  }

  @JsonProperty("azureEndpoint")
  public void setAzureEndpoint(String value) {
    put(AzureSettings.ENDPOINT, value);
  }

  /** Validates and returns the settings; an unusable value fails with a message naming its variable. */
  public StorageSettings build() {
    Map<String, String> withDefault = new HashMap<>(values);
    withDefault.putIfAbsent(StorageUri.SETTING, "./scouter-storage");
    return StorageSettings.fromEnvironment(withDefault);
  }
}
