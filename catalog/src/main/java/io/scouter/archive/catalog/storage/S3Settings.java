package io.scouter.archive.catalog.storage;

import io.scouter.archive.catalog.settings.InvalidSettingException;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * S3 client settings. Credentials are deliberately absent: {@code S3FileIO} falls back to the AWS
 * default credentials chain (environment, system properties, profile, web identity, container,
 * instance metadata) whenever no {@code s3.access-key-id} is given, endpoint override or not.
 *
 * @param region the signing region ({@code AWS_REGION}); MinIO and Ceph accept any, AWS needs the
 *     bucket's
 * @param endpoint an endpoint override for S3-compatible stores ({@code SCOUTER_S3_ENDPOINT})
 * @param pathStyleAccess path-style instead of virtual-host addressing ({@code
 *     SCOUTER_S3_PATH_STYLE}), which most S3-compatible stores need
 */
public record S3Settings(String region, Optional<URI> endpoint, boolean pathStyleAccess)
    implements StorageSettings.ProviderSettings {
  public static final String REGION = "AWS_REGION";
  public static final String REGION_DEFAULT = "us-east-1";
  public static final String ENDPOINT = "SCOUTER_S3_ENDPOINT";
  public static final String PATH_STYLE = "SCOUTER_S3_PATH_STYLE";
  public static final boolean PATH_STYLE_DEFAULT = false;

  private static final Pattern REGION_NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  public S3Settings {
    Objects.requireNonNull(region, "Invalid region: null");
    Objects.requireNonNull(endpoint, "Invalid endpoint: null");
  }

  static S3Settings fromEnvironment(Map<String, String> environment) {
    String region = EnvironmentValues.optional(environment, REGION).orElse(REGION_DEFAULT);
    if (!REGION_NAME.matcher(region).matches()) {
      throw new InvalidSettingException(
          String.format(
              "Invalid %s: '%s' (expected a region name such as %s)", REGION, region, REGION_DEFAULT));
    }
    Optional<URI> endpoint =
        EnvironmentValues.optional(environment, ENDPOINT)
            .map(value -> EnvironmentValues.endpoint(ENDPOINT, value));
    boolean pathStyle = EnvironmentValues.booleanValue(environment, PATH_STYLE, PATH_STYLE_DEFAULT);
    return new S3Settings(region, endpoint, pathStyle);
  }
}
