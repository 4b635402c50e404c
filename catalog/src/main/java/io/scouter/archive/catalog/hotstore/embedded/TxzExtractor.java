package io.scouter.archive.catalog.hotstore.embedded;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Unpacks an xz-compressed tar archive ({@code .txz}) into a directory.
 *
 * <p>Why: Zonky ships the PostgreSQL binaries as a {@code .txz} inside a jar. The tree must be
 * readable and executable by every user (when the JVM runs as root, the server runs as uid
 * 65534), so permissions are set explicitly rather than left to the umask: directories and
 * executables 0755, other files 0644. Entries that would land outside the target (absolute
 * names, {@code ..}, escaping links) are rejected.
 */
final class TxzExtractor {

  static final Set<PosixFilePermission> EXECUTABLE =
      PosixFilePermissions.fromString("rwxr-xr-x");
  static final Set<PosixFilePermission> READABLE =
      PosixFilePermissions.fromString("rw-r--r--");

  private TxzExtractor() {}

  /** Extracts {@code txz} into the existing directory {@code target}. */
  static void extract(InputStream txz, Path target) throws IOException {
    Path root = target.toAbsolutePath().normalize();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(
        new XZCompressorInputStream(new BufferedInputStream(txz, 1 << 16)))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        Path destination = inside(root, root.resolve(entry.getName()), entry.getName());
        if (entry.isDirectory()) {
          Files.createDirectories(destination);
        } else if (entry.isSymbolicLink()) {
          Files.createDirectories(destination.getParent());
          inside(root, destination.getParent().resolve(entry.getLinkName()),
              entry.getName() + " -> " + entry.getLinkName());
          Files.createSymbolicLink(destination, Path.of(entry.getLinkName()));
        } else if (entry.isLink()) {
          Path existing = inside(root, root.resolve(entry.getLinkName()), entry.getLinkName());
          Files.createDirectories(destination.getParent());
          Files.createLink(destination, existing);
        } else if (entry.isFile()) {
          Files.createDirectories(destination.getParent());
          Files.copy(tar, destination);
          Files.setPosixFilePermissions(destination,
              (entry.getMode() & 0100) != 0 ? EXECUTABLE : READABLE);
        } else {
          throw new IOException("unsupported entry type in archive: " + entry.getName());
        }
      }
    }
    makeDirectoriesTraversable(root);
  }

  private static Path inside(Path root, Path candidate, String description) throws IOException {
    Path normalized = candidate.normalize();
    if (!normalized.startsWith(root)) {
      throw new IOException("archive entry points outside the target directory: " + description);
    }
    return normalized;
  }

  private static void makeDirectoriesTraversable(Path root) throws IOException {
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
          throws IOException {
        Files.setPosixFilePermissions(dir, EXECUTABLE);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
