package io.scouter.archive.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.scouter.archive.catalog.storage.S3Settings;
import io.scouter.archive.catalog.storage.StorageSettings;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/**
 * Where archived data lives, and the credentials of its store. The rules that tie values together
 * (accepted URIs, which credentials go with which store) are the catalog module's
 * {@link StorageSettings}, which also serves tools without Dropwizard; {@link #settings()} hands the
 * values over as typed {@link StorageSettings.Inputs}, whose messages name the variable of a bad value.
 */
public final class StorageFactory {
  @NotEmpty
  private String uri = "./scouter-storage";

  @NotEmpty
  private String awsRegion = S3Settings.REGION_DEFAULT;

  private boolean s3PathStyle = S3Settings.PATH_STYLE_DEFAULT;

  @NotNull
  private String s3Endpoint = "";

  @NotNull
  private String googleAccountJsonBase64 = "";

  @NotNull
  private String azureAccountName = "";

  @NotNull
  private String azureAccountKey = "";

  @NotNull
  private String azureConnectionString = "";

  @NotNull
  private String azureEndpoint = "";

  @JsonProperty
  public String getUri() {
    return uri;
  }

  @JsonProperty
  public void setUri(String uri) {
    this.uri = uri == null ? "" : uri;
  }

  @JsonProperty
  public String getAwsRegion() {
    return awsRegion;
  }

  @JsonProperty
  public void setAwsRegion(String awsRegion) {
    this.awsRegion = awsRegion == null ? "" : awsRegion;
  }

  @JsonProperty
  public String getS3Endpoint() {
    return s3Endpoint;
  }

  @JsonProperty
  public void setS3Endpoint(String s3Endpoint) {
    this.s3Endpoint = s3Endpoint == null ? "" : s3Endpoint;
  }

  @JsonProperty
  public boolean isS3PathStyle() {
    return s3PathStyle;
  }

  @JsonProperty
  public void setS3PathStyle(boolean s3PathStyle) {
    this.s3PathStyle = s3PathStyle;
  }

  @JsonProperty
  public String getGoogleAccountJsonBase64() {
    return googleAccountJsonBase64;
  }

  @JsonProperty
  public void setGoogleAccountJsonBase64(String googleAccountJsonBase64) {
    this.googleAccountJsonBase64 = googleAccountJsonBase64 == null ? "" : googleAccountJsonBase64;
  }

  @JsonProperty
  public String getAzureAccountName() {
    return azureAccountName;
  }

  @JsonProperty
  public void setAzureAccountName(String azureAccountName) {
    this.azureAccountName = azureAccountName == null ? "" : azureAccountName;
  }

  @JsonProperty
  public String getAzureAccountKey() {
    return azureAccountKey;
  }

  @JsonProperty
  public void setAzureAccountKey(String azureAccountKey) {
    this.azureAccountKey = azureAccountKey == null ? "" : azureAccountKey;
  }

  @JsonProperty
  public String getAzureConnectionString() {
    return azureConnectionString;
  }

  @JsonProperty
  public void setAzureConnectionString(String azureConnectionString) {
    this.azureConnectionString = azureConnectionString == null ? "" : azureConnectionString;
  }

  @JsonProperty
  public String getAzureEndpoint() {
    return azureEndpoint;
  }

  @JsonProperty
  public void setAzureEndpoint(String azureEndpoint) {
    this.azureEndpoint = azureEndpoint == null ? "" : azureEndpoint;
  }

  /** Validates and returns the settings; an unusable value fails with a message naming its variable. */
  public StorageSettings settings() {
    return StorageSettings.of(new StorageSettings.Inputs(uri, awsRegion, s3Endpoint, s3PathStyle,
        googleAccountJsonBase64, azureAccountName, azureAccountKey, azureConnectionString, azureEndpoint));
  }
}
