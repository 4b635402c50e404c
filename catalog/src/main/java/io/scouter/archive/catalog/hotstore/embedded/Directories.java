package io.scouter.archive.catalog.hotstore.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Small file-tree helpers shared by the launcher's classes.
 *
 * <p>Why: {@code java.nio.file} has no recursive delete and no "is this an empty directory"
 * test, and the launcher needs both for temporary extraction and socket directories.
 */
final class Directories {

  private Directories() {}

  /** Whether {@code path} is a directory without entries; fails if it is not a directory. */
  static boolean isEmptyDirectory(Path path) throws IOException {
    try (Stream<Path> entries = Files.list(path)) {
      return entries.findAny().isEmpty();
    }
  }

  /** Deletes {@code path} and everything below it, if it exists; does not follow links. */
  static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> tree = Files.walk(path)) {
      for (Path p : (Iterable<Path>) tree.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
