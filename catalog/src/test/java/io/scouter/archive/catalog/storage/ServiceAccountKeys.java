package io.scouter.archive.catalog.storage;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** Generates throw-away service-account JSON keys, shaped like the ones GCP issues. */
final class ServiceAccountKeys {
  private ServiceAccountKeys() {}

  static String json(String projectId, String clientEmail) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      String pem = "-----BEGIN PRIVATE KEY-----\\n"
          + Base64.getEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
          + "\\n-----END PRIVATE KEY-----\\n";
      return "{\"type\": \"service_account\", \"project_id\": \"" + projectId + "\","
          + " \"private_key_id\": \"0123456789abcdef\", \"private_key\": \"" + pem + "\","
          + " \"client_email\": \"" + clientEmail + "\", \"client_id\": \"1234567890\","
          + " \"token_uri\": \"https://oauth2.googleapis.com/token\"}";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String base64(String json) {
    return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
