package io.scouter.archive.api.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin key of an installation where no key is configured: generated on first start into a
 * file only its owner can read (0600), and read from there on later starts. The key itself is
 * never logged; the file's path is, once, when it is created.
 */
public final class GeneratedKey {
  public static final String NAME = "generated-admin";
  private static final Logger LOG = LoggerFactory.getLogger(GeneratedKey.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private GeneratedKey() {}

  /** A new random key: 32 bytes, URL-safe Base64 with a recognizable prefix. */
  public static String newKey() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return "sk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The keys of {@code file}: created with a new admin key when it does not exist yet. */
  public static ApiKeys loadOrCreate(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    try {
      if (!Files.exists(absolute)) {
        create(absolute);
      }
      String key = Files.readString(absolute, StandardCharsets.UTF_8).strip();
      if (key.length() < 32) {
        throw new IllegalStateException("Cannot use the API key file " + absolute + ": it holds no key of at least"
            + " 32 characters; delete it to generate a new one");
      }
      return ApiKeys.ofKey(NAME, key, Set.of(Role.ADMIN));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create the API key file " + absolute + " (auth.keyFile)", e);
    }
  }

  private static void create(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (FileAlreadyExistsException e) {
      return; // another process created it first; use its key
    }
    Files.writeString(file, newKey() + "\n", StandardCharsets.UTF_8);
    LOG.warn("No API key is configured (auth.keys / SCOUTER_API_KEYS): generated an admin key into {} (mode 0600)."
        + " Send it as 'Authorization: Bearer $(cat {})'; see the README, section Security.", file, file);
  }
}
