package io.scouter.archive.catalog.hotstore.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The superuser's password of the embedded cluster: 32 random bytes in hex, kept in
 * {@value #FILE} inside the data directory, readable by its owner only (0600).
 *
 * <p>A cluster without the file (new, or created by a version that used {@code trust}) gets a new
 * secret before its server starts: the password is set in single-user mode, which needs no
 * network and no authentication, and only then is the file moved into place. A crash in between
 * leaves no file, so the next start simply sets a new secret.
 */
final class SuperuserSecret {
  static final String FILE = "scouter-superuser.secret";
  private static final Logger LOG = LoggerFactory.getLogger(SuperuserSecret.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private SuperuserSecret() {}

  /** The secret of the cluster in {@code dataDirectory} (server stopped), set first if there is none. */
  static String ensure(PostgresServerControl control, Path dataDirectory) throws IOException {
    Path file = dataDirectory.resolve(FILE);
    if (Files.isRegularFile(file)) {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    }
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String secret = HexFormat.of().formatHex(bytes);
    Path pending = Files.createTempFile(dataDirectory, FILE, ".new",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Path script = Files.createTempFile("scouter-pg-secret-", ".sql",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      Files.writeString(pending, secret + "\n", StandardCharsets.UTF_8);
      Files.writeString(script, "ALTER ROLE " + EmbeddedPostgres.SUPERUSER + " PASSWORD '" + secret + "';\n",
          StandardCharsets.UTF_8);
      ProcessRunner.Result result = control.singleUser(dataDirectory, script);
      if (!result.succeeded()) {
        throw EmbeddedPostgresException.cannotStart("cannot set the superuser password of data directory "
            + dataDirectory + " (exit code " + result.exitCode() + "): " + result.output().replace(secret, "****"));
      }
      Files.move(pending, file, StandardCopyOption.ATOMIC_MOVE);
      LOG.info("Set a new PostgreSQL superuser password; it is stored in {} (mode 0600)", file);
      return secret;
    } finally {
      Files.deleteIfExists(pending);
      Files.deleteIfExists(script);
    }
  }
}
