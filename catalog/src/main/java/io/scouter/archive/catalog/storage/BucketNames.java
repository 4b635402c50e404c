package io.scouter.archive.catalog.storage;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The providers' naming rules for buckets and containers, kept to the checks that catch real
 * mistakes (case, characters, length, IP-like names); the provider stays the final judge.
 */
final class BucketNames {
  private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern S3 = Pattern.compile("[a-z0-9][a-z0-9.-]*[a-z0-9]");
  private static final Pattern GCS = Pattern.compile("[a-z0-9][a-z0-9._-]*[a-z0-9]");
  private static final Pattern AZURE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  private BucketNames() {}

  /** Why the name breaks the provider's rules, or empty when it follows them. */
  static Optional<String> check(StorageType type, String name) {
    switch (type) {
      case S3:
        return s3(name);
      case GCS:
        return gcs(name);
      case AZURE:
        return azure(name);
      default:
        throw new IllegalArgumentException("Invalid storage type for a bucket: " + type);
    }
  }

  private static Optional<String> s3(String name) {
    if (name.length() < 3 || name.length() > 63) {
      return Optional.of("S3 bucket names have 3-63 characters");
    }
    if (!S3.matcher(name).matches()) {
      return Optional.of(
          "S3 bucket names use lowercase letters, digits, '.' and '-', and start and end with a"
              + " letter or digit");
    }
    if (name.contains("..")) {
      return Optional.of("S3 bucket names have no adjacent periods");
    }
    if (IP_ADDRESS.matcher(name).matches()) {
      return Optional.of("S3 bucket names must not look like an IP address");
    }
    if (name.startsWith("xn--") || name.startsWith("sthree-")
        || name.endsWith("-s3alias") || name.endsWith("--ol-s3")) {
      return Optional.of("S3 reserves the prefixes xn--, sthree- and the suffixes -s3alias, --ol-s3");
    }
    return Optional.empty();
  }

  private static Optional<String> gcs(String name) {
    int maxLength = name.contains(".") ? 222 : 63;
    if (name.length() < 3 || name.length() > maxLength) {
      return Optional.of("GCS bucket names have 3-63 characters (up to 222 with dots)");
    }
    if (!GCS.matcher(name).matches()) {
      return Optional.of(
          "GCS bucket names use lowercase letters, digits, '-', '_' and '.', and start and end"
              + " with a letter or digit");
    }
    for (String component : name.split("\\.", -1)) {
      if (component.isEmpty() || component.length() > 63) {
        return Optional.of("GCS bucket name components between dots have 1-63 characters");
      }
    }
    if (IP_ADDRESS.matcher(name).matches()) {
      return Optional.of("GCS bucket names must not look like an IP address");
    }
    if (name.startsWith("goog") || name.contains("google")) {
      return Optional.of("GCS bucket names must not start with 'goog' or contain 'google'");
    }
    return Optional.empty();
  }

  private static Optional<String> azure(String name) {
    if (name.length() < 3 || name.length() > 63) {
      return Optional.of("Azure container names have 3-63 characters");
    }
    if (!AZURE.matcher(name).matches()) {
      return Optional.of(
          "Azure container names use lowercase letters, digits and single hyphens between them");
    }
    return Optional.empty();
  }
}
