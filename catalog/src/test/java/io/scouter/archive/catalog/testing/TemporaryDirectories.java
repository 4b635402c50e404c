package io.scouter.archive.catalog.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Scratch directories for tests that live as long as the test JVM: warehouses handed to a service
 * started once per class, embedded servers' data directories. Each has a unique name under
 * {@code java.io.tmpdir} and is deleted with everything in it when the test run ends
 * ({@link TestSessionCleanup}; a shutdown hook covers other runners), so a test run leaves
 * {@code /tmp} as it found it.
 *
 * <p>Why not JUnit's {@code @TempDir}: these directories are needed while static fields are
 * initialised (Dropwizard's app extension, the shared test server), before JUnit could inject one,
 * and they must be traversable by uid 65534 (the embedded server's user when the JVM is root),
 * while {@code @TempDir} is mode 0700.
 */
public final class TemporaryDirectories {
  private static final List<Path> CREATED = new ArrayList<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(TemporaryDirectories::deleteAll, "delete-test-directories"));
  }

  private TemporaryDirectories() {}

  /** A new empty directory named {@code prefix} plus a random suffix, deleted when the JVM exits. */
  public static Path create(String prefix) {
    try {
      Path directory = Files.createTempDirectory(prefix,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
      synchronized (CREATED) {
        CREATED.add(directory);
      }
      return directory;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes {@code directory} and everything below it now; links are deleted, not followed. */
  public static void delete(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    Files.walkFileTree(directory, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
        deleteIfPresent(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE;
        }
        throw e;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        deleteIfPresent(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private static void deleteIfPresent(Path path) throws IOException {
    Files.deleteIfExists(path);
  }

  /** Deletes every directory {@link #create} made so far. */
  static void deleteAll() {
    List<Path> directories;
    synchronized (CREATED) {
      directories = List.copyOf(CREATED);
    }
    for (Path directory : directories) {
      try {
        delete(directory);
        synchronized (CREATED) {
          CREATED.remove(directory);
        }
      } catch (IOException e) {
        System.err.println("Cannot delete test directory " + directory + ": " + e);
      }
    }
  }
}
