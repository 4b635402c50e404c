package io.scouter.archive.catalog.storage;

import io.scouter.archive.catalog.settings.InvalidSettingException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parsed {@code SCOUTER_STORAGE_URI}: where the Iceberg warehouse lives. Instances are always
 * valid; anything else is rejected with a message that names the setting and the accepted forms.
 *
 * <p>Iceberg has no {@code az://} scheme, so an Azure location is addressed as {@code
 * abfss://container@account.dfs.core.windows.net/prefix}; the storage account is therefore part of
 * an Azure {@code StorageUri}.
 */
public final class StorageUri {
  public static final String SETTING = "SCOUTER_STORAGE_URI";
  static final String ACCEPTED =
      "accepted: s3://bucket[/prefix], gs://bucket[/prefix], az://container[/prefix], or a local path";
  static final String AZURE_DFS_DOMAIN = ".dfs.core.windows.net";

  // A scheme has at least two characters, so that a Windows drive letter is not one.
  private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]+):(.*)$");
  private static final Pattern AZURE_ACCOUNT = Pattern.compile("[a-z0-9]{3,24}");

  private final StorageType type;
  private final String bucket;
  private final String prefix;
  private final Path localPath;
  private final String azureAccount;

  private StorageUri(
      StorageType type, String bucket, String prefix, Path localPath, String azureAccount) {
    this.type = type;
    this.bucket = bucket;
    this.prefix = prefix;
    this.localPath = localPath;
    this.azureAccount = azureAccount;
  }

  /** Parses a value; relative local paths resolve against the JVM's working directory. */
  public static StorageUri parse(String value, String azureAccountName) {
    return parse(value, azureAccountName, Path.of("").toAbsolutePath());
  }

  /**
   * Parses a value.
   *
   * @param azureAccountName the storage account for {@code az://} values, may be null otherwise
   * @param workingDirectory what relative local paths resolve against
   */
  public static StorageUri parse(String value, String azureAccountName, Path workingDirectory) {
    return parseWithAccountLookup(value, () -> azureAccountName, workingDirectory);
  }

  /** As above; the account is looked up only for {@code az://} values. */
  static StorageUri parseWithAccountLookup(
      String value, Supplier<String> azureAccountName, Path workingDirectory) {
    if (value == null || value.isBlank()) {
      throw new InvalidSettingException(String.format("Missing %s (%s)", SETTING, ACCEPTED));
    }
    String trimmed = value.strip();
    rejectControlCharacters(trimmed);
    Matcher matcher = SCHEME.matcher(trimmed);
    if (!matcher.matches()) {
      return local(trimmed, trimmed, workingDirectory);
    }
    String scheme = matcher.group(1).toLowerCase(Locale.ROOT);
    switch (scheme) {
      case "s3":
        return objectStore(StorageType.S3, trimmed, matcher.group(2), null);
      case "gs":
        return objectStore(StorageType.GCS, trimmed, matcher.group(2), null);
      case "az":
        return objectStore(StorageType.AZURE, trimmed, matcher.group(2), azureAccountName);
      case "file":
        return local(trimmed, fileUriPath(trimmed, matcher.group(2)), workingDirectory);
      default:
        throw new InvalidSettingException(
            String.format("Invalid %s: '%s' (%s)", SETTING, trimmed, ACCEPTED));
    }
  }

  public StorageType type() {
    return type;
  }

  /** The bucket (S3, GCS) or container (Azure); empty for a local path. */
  public Optional<String> bucket() {
    return Optional.ofNullable(bucket);
  }

  /** The key prefix inside the bucket without leading or trailing slash; may be empty. */
  public String prefix() {
    return prefix;
  }

  /** The absolute, normalised directory; empty for object stores. */
  public Optional<Path> localPath() {
    return Optional.ofNullable(localPath);
  }

  /** The Azure storage account; empty for other types. */
  public Optional<String> azureAccount() {
    return Optional.ofNullable(azureAccount);
  }

  /** The Azure host that Iceberg's ADLS properties are keyed by; empty for other types. */
  public Optional<String> azureHost() {
    return azureAccount().map(account -> account + AZURE_DFS_DOMAIN);
  }

  /** The location string Iceberg uses as the catalog warehouse. */
  public String warehouseLocation() {
    return switch (type) {
      case S3 -> "s3://" + bucket + suffix();
      case GCS -> "gs://" + bucket + suffix();
      case AZURE -> "abfss://" + bucket + "@" + azureAccount + AZURE_DFS_DOMAIN + suffix();
      case LOCAL -> "file:" + localPath;
    };
  }

  private String suffix() {
    return prefix.isEmpty() ? "" : "/" + prefix;
  }

  private static StorageUri objectStore(
      StorageType type, String value, String schemeSpecificPart, Supplier<String> azureAccountName) {
    if (!schemeSpecificPart.startsWith("//")) {
      String form = type == StorageType.S3 ? "s3://bucket" : type == StorageType.GCS ? "gs://bucket" : "az://container";
      throw invalid(value, "expected " + form + "[/prefix]");
    }
    String rest = schemeSpecificPart.substring(2);
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String path = slash < 0 ? "" : rest.substring(slash + 1);
    String noun = type == StorageType.AZURE ? "container" : "bucket";
    if (bucket.isEmpty()) {
      throw invalid(value, "missing " + noun);
    }
    BucketNames.check(type, bucket).ifPresent(reason -> {
      throw invalid(value, String.format("invalid %s name '%s': %s", noun, bucket, reason));
    });
    String prefix = prefix(value, path);
    String account = null;
    if (type == StorageType.AZURE) {
      account = azureAccount(value, azureAccountName.get());
    }
    return new StorageUri(type, bucket, prefix, null, account);
  }

  private static String prefix(String value, String path) {
    String prefix = path.replaceAll("/+$", "");
    if (prefix.isEmpty()) {
      return "";
    }
    for (String segment : prefix.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw invalid(value, "empty, '.' or '..' path segments are not allowed in the prefix");
      }
    }
    if (prefix.chars().anyMatch(c -> Character.isWhitespace(c) || "?#%\\".indexOf(c) >= 0)) {
      throw invalid(value, "whitespace and the characters ? # % \\ are not allowed in the prefix");
    }
    return prefix;
  }

  private static String azureAccount(String value, String accountName) {
    if (accountName == null || accountName.isBlank()) {
      throw new InvalidSettingException(
          String.format(
              "Cannot use %s '%s': AZURE_STORAGE_ACCOUNT_NAME is not set (Iceberg addresses Azure"
                  + " as abfss://container@account%s/prefix)",
              SETTING, value, AZURE_DFS_DOMAIN));
    }
    String account = accountName.strip();
    if (!AZURE_ACCOUNT.matcher(account).matches()) {
      throw new InvalidSettingException(
          String.format(
              "Invalid AZURE_STORAGE_ACCOUNT_NAME: '%s' (3-24 lowercase letters and digits)",
              account));
    }
    return account;
  }

  private static String fileUriPath(String value, String schemeSpecificPart) {
    if (!schemeSpecificPart.startsWith("/")) {
      throw invalid(value, "a file: URI must hold an absolute path (file:/path or file:///path)");
    }
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw invalid(value, "not a valid file: URI (" + e.getReason() + ")");
    }
    String authority = uri.getRawAuthority();
    if (uri.isOpaque() || uri.getPath() == null || !uri.getPath().startsWith("/")) {
      throw invalid(value, "a file: URI must hold an absolute path (file:/path or file:///path)");
    }
    if (authority != null && !authority.isEmpty() && !authority.equalsIgnoreCase("localhost")) {
      throw invalid(value, "a file: URI must not name a remote host");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw invalid(value, "a file: URI must not have a query or fragment");
    }
    return uri.getPath();
  }

  private static StorageUri local(String value, String path, Path workingDirectory) {
    Path absolute;
    try {
      absolute = workingDirectory.resolve(Path.of(path)).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw invalid(value, "not a valid local path");
    }
    if (absolute.toString().chars().anyMatch(c -> "?#%".indexOf(c) >= 0)) {
      throw invalid(value, "the characters ? # % are not allowed in a local path");
    }
    return new StorageUri(StorageType.LOCAL, null, "", absolute, null);
  }

  private static void rejectControlCharacters(String value) {
    if (value.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidSettingException(
          String.format("Invalid %s: control characters are not allowed (%s)", SETTING, ACCEPTED));
    }
  }

  private static IllegalArgumentException invalid(String value, String reason) {
    return new InvalidSettingException(
        String.format("Invalid %s: '%s' (%s; %s)", SETTING, value, reason, ACCEPTED));
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof StorageUri)) {
      return false;
    }
    StorageUri that = (StorageUri) other;
    return type == that.type
        && Objects.equals(bucket, that.bucket)
        && prefix.equals(that.prefix)
        && Objects.equals(localPath, that.localPath)
        && Objects.equals(azureAccount, that.azureAccount);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, bucket, prefix, localPath, azureAccount);
  }

  /** The normalised setting value, e.g. {@code s3://bucket/prefix} or {@code /abs/path}. */
  @Override
  public String toString() {
    return switch (type) {
      case S3 -> "s3://" + bucket + suffix();
      case GCS -> "gs://" + bucket + suffix();
      case AZURE -> "az://" + bucket + suffix() + " (account " + azureAccount + ")";
      case LOCAL -> localPath.toString();
    };
  }
}
