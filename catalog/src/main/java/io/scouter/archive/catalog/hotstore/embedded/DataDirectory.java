package io.scouter.archive.catalog.hotstore.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Pattern;

/**
 * Validates and prepares the PostgreSQL data directory before initdb or start.
 *
 * <p>Why: the tools' own errors for a bad data directory are terse or misleading (e.g. initdb on
 * a path below a regular file, or a non-empty directory that is no cluster), and when the JVM is
 * root a fresh directory must be handed to the server user with mode 0700 first. Checking here
 * turns each case into one precise message naming the directory.
 */
final class DataDirectory {

  /** The file whose presence marks an initialized cluster. */
  static final String VERSION_FILE = "PG_VERSION";

  /** Characters pg_ctl would pass unescaped to {@code /bin/sh} inside double quotes. */
  private static final Pattern SHELL_SPECIAL = Pattern.compile("[\"$`\\\\\\n\\r]");

  private DataDirectory() {}

  /**
   * Creates {@code dataDirectory} if needed and checks it is usable.
   *
   * @return whether it already holds a cluster (otherwise it is empty and needs initdb)
   */
  static boolean prepare(Path dataDirectory, ServerProcessUser user) throws IOException {
    if (SHELL_SPECIAL.matcher(dataDirectory.toString()).find()) {
      throw failure(dataDirectory, "its path contains a character that pg_ctl cannot quote"
          + " (\" $ ` \\ or a line break); choose another data directory");
    }
    if (Files.exists(dataDirectory)) {
      if (!Files.isDirectory(dataDirectory)) {
        throw failure(dataDirectory, "it exists and is not a directory");
      }
      if (Files.isRegularFile(dataDirectory.resolve(VERSION_FILE))) {
        return true;
      }
      if (!Directories.isEmptyDirectory(dataDirectory)) {
        throw failure(dataDirectory, "it is not empty but holds no PostgreSQL cluster (no "
            + VERSION_FILE + "); choose an empty or new data directory");
      }
    } else {
      create(dataDirectory);
    }
    Files.setPosixFilePermissions(dataDirectory, PosixFilePermissions.fromString("rwx------"));
    // The server user need not reach the directories above it: see PostgresServerControl.
    user.takeOwnership(dataDirectory);
    return false;
  }

  private static void create(Path dataDirectory) throws IOException {
    for (Path ancestor = dataDirectory.getParent(); ancestor != null; ancestor = ancestor.getParent()) {
      if (Files.exists(ancestor)) {
        if (!Files.isDirectory(ancestor)) {
          throw failure(dataDirectory, "it cannot be created because " + ancestor
              + " is not a directory; choose another data directory");
        }
        break;
      }
    }
    try {
      Files.createDirectories(dataDirectory);
    } catch (IOException e) {
      throw failure(dataDirectory, "it cannot be created (" + e + "); choose another data"
          + " directory or fix the permissions of its parent");
    }
  }

  private static EmbeddedPostgresException failure(Path dataDirectory, String reason) {
    return EmbeddedPostgresException.cannotStart(
        "unusable data directory " + dataDirectory + ": " + reason);
  }
}
