package io.scouter.archive.catalog.hotstore.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private directory for the server's Unix-domain socket and its lock file.
 *
 * <p>Why: a Unix socket path is limited to 107 bytes, so the socket cannot live under an
 * arbitrary (possibly deep) data directory; a fresh random directory under {@code /tmp}, mode
 * 0700 and owned by the server user, is short and cannot be hijacked by other local users. It is
 * deleted on close; after a JVM crash an empty directory may remain until /tmp is cleaned.
 */
final class SocketDirectory {

  private static final Logger LOG = LoggerFactory.getLogger(SocketDirectory.class);
  /** Longest socket file name PostgreSQL creates inside the directory. */
  private static final int SOCKET_NAME_LENGTH = "/.s.PGSQL.65535.lock".length();
  private static final int MAX_SOCKET_PATH = 107;

  private SocketDirectory() {}

  static Path create(ServerProcessUser user) throws IOException {
    Path base = Path.of("/tmp");
    if (!Files.isDirectory(base) || !Files.isWritable(base)) {
      base = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
    }
    Path directory = Files.createTempDirectory(base, "scouter-pg-"); // mode 0700
    if (directory.toString().length() + SOCKET_NAME_LENGTH > MAX_SOCKET_PATH
        || directory.toString().indexOf('\'') >= 0) {
      deleteQuietly(directory);
      throw EmbeddedPostgresException.cannotStart("the socket directory " + directory
          + " is too long for a Unix socket path or contains a quote; make /tmp writable");
    }
    user.takeOwnership(directory);
    user.checkReachable(directory, "socket directory", true);
    return directory;
  }

  static void deleteQuietly(Path directory) {
    if (directory == null) {
      return;
    }
    try {
      Directories.deleteRecursively(directory);
    } catch (IOException e) {
      LOG.warn("Cannot delete socket directory {}", directory, e);
    }
  }
}
