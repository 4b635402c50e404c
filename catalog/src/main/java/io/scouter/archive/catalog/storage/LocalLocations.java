package io.scouter.archive.catalog.storage;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Maps Iceberg location strings to local paths and back.
 *
 * <p>Locations are treated as literal strings, never percent-decoded: Iceberg builds partition
 * directories with URL-encoded values ({@code space=a%2Fb}) and HadoopFileIO stores such names
 * literally, so decoding would point at a different file than the one the table metadata names.
 */
final class LocalLocations {
  private static final String FILE_SCHEME = "file:";
  private static final String FILE_AUTHORITY = "file://";
  private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:.*", Pattern.DOTALL);

  private LocalLocations() {}

  /**
   * Returns the absolute path named by {@code file:///abs}, {@code file:/abs} or {@code /abs}.
   *
   * @throws IllegalArgumentException for other schemes, hosts, relative paths and null
   */
  static Path toPath(String location) {
    if (location == null || location.isEmpty()) {
      throw new IllegalArgumentException("Invalid location: " + (location == null ? "null" : "(empty)"));
    }

    String path;
    if (startsWithIgnoreCase(location, FILE_AUTHORITY)) {
      path = location.substring(FILE_AUTHORITY.length());
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException(
            "Invalid location: " + location + " (file URIs with a host are not supported)");
      }
    } else if (startsWithIgnoreCase(location, FILE_SCHEME)) {
      path = location.substring(FILE_SCHEME.length());
    } else if (SCHEME.matcher(location).matches()) {
      throw new IllegalArgumentException(
          "Invalid location: " + location + " (LocalFileIO supports only file: URIs and absolute paths)");
    } else {
      path = location;
    }

    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("Invalid location: " + location + " (path must be absolute)");
    }

    try {
      return Path.of(path);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("Invalid location: " + location + " (" + e.getReason() + ")", e);
    }
  }

  /** Appends a relative path to a prefix location, keeping the prefix's form (scheme, slashes). */
  static String child(String prefix, String relativePath) {
    return prefix.endsWith("/") ? prefix + relativePath : prefix + "/" + relativePath;
  }

  private static boolean startsWithIgnoreCase(String value, String start) {
    return value.regionMatches(true, 0, start, 0, start.length());
  }
}
