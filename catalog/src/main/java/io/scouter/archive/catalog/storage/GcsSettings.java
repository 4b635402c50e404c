package io.scouter.archive.catalog.storage;

import io.scouter.archive.catalog.settings.InvalidSettingException;
import com.google.auth.oauth2.ServiceAccountCredentials;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * GCS client settings. Without a key, {@code GCSFileIO} uses Application Default Credentials
 * (GOOGLE_APPLICATION_CREDENTIALS, gcloud's user credentials, or the metadata server).
 *
 * @param serviceAccountJson a service-account JSON key ({@code GOOGLE_ACCOUNT_JSON_BASE64}, base64)
 * @param clientEmail the key's service account, for logs; empty without a key
 * @param projectId the key's project, for logs and {@code gcs.project-id}; empty without a key
 */
public record GcsSettings(
    Optional<Secret> serviceAccountJson, Optional<String> clientEmail, Optional<String> projectId)
    implements StorageSettings.ProviderSettings {
  public static final String SERVICE_ACCOUNT_JSON_BASE64 = "GOOGLE_ACCOUNT_JSON_BASE64";

  public GcsSettings {
    Objects.requireNonNull(serviceAccountJson, "Invalid service account JSON: null");
    Objects.requireNonNull(clientEmail, "Invalid client email: null");
    Objects.requireNonNull(projectId, "Invalid project id: null");
  }

  static GcsSettings fromEnvironment(Map<String, String> environment) {
    Optional<String> encoded = EnvironmentValues.optional(environment, SERVICE_ACCOUNT_JSON_BASE64);
    if (encoded.isEmpty()) {
      return new GcsSettings(Optional.empty(), Optional.empty(), Optional.empty());
    }
    String json = decode(encoded.get());
    // Parsed here so that a broken key fails at startup, not at the first write.
    ServiceAccountCredentials credentials = credentials(json);
    return new GcsSettings(
        Optional.of(Secret.of(json)),
        Optional.ofNullable(credentials.getClientEmail()),
        Optional.ofNullable(credentials.getProjectId()));
  }

  /**
   * Builds the credentials of a key. The parser's own message is kept only when it comes from
   * google-auth (it names missing fields); a JSON syntax error could quote the key, so it is not.
   */
  static ServiceAccountCredentials credentials(String json) {
    try {
      return ServiceAccountCredentials.fromStream(
          new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException | RuntimeException e) {
      String message = e.getMessage() == null ? "" : e.getMessage();
      String reason =
          message.startsWith("Error reading") || message.contains("not recognized")
              ? message
              : "not readable as JSON";
      throw new InvalidSettingException(
          String.format(
              "Invalid %s: not a service-account JSON key (%s)", SERVICE_ACCOUNT_JSON_BASE64, reason));
    }
  }

  private static String decode(String encoded) {
    String compact = encoded.replaceAll("\\s+", "");
    try {
      return new String(Base64.getDecoder().decode(compact), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException(
          String.format("Invalid %s: not base64 (encode the JSON key file with base64)",
              SERVICE_ACCOUNT_JSON_BASE64));
    }
  }
}
