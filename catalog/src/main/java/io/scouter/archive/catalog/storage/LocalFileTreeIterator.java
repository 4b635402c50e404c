package io.scouter.archive.catalog.storage;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.iceberg.exceptions.RuntimeIOException;
import org.apache.iceberg.io.FileInfo;

/**
 * Lazily walks the regular files below a directory, depth first, without following symbolic links.
 *
 * <p>Each directory is read completely and closed before its entries are returned, so an
 * iteration abandoned half-way holds no open directory handle. Entries that vanish during the
 * walk (a concurrent delete) are skipped. Locations are the prefix followed by the relative path,
 * so they keep the form of the prefix the caller gave.
 */
final class LocalFileTreeIterator implements Iterator<FileInfo> {
  private final Deque<Directory> directories = new ArrayDeque<>();
  private final Deque<FileInfo> files = new ArrayDeque<>();

  private record Directory(Path path, String location) {}

  LocalFileTreeIterator(Path root, String rootLocation) {
    directories.push(new Directory(root, rootLocation));
  }

  @Override
  public boolean hasNext() {
    while (files.isEmpty() && !directories.isEmpty()) {
      read(directories.pop());
    }
    return !files.isEmpty();
  }

  @Override
  public FileInfo next() {
    if (!hasNext()) {
      throw new NoSuchElementException("No more files");
    }
    return files.pop();
  }

  private void read(Directory directory) {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory.path())) {
      for (Path entry : entries) {
        BasicFileAttributes attributes = attributesOrNull(entry);
        if (attributes == null) {
          continue;
        }
        String location = LocalLocations.child(directory.location(), entry.getFileName().toString());
        if (attributes.isDirectory()) {
          directories.push(new Directory(entry, location));
        } else if (attributes.isRegularFile()) {
          files.add(new FileInfo(location, attributes.size(), attributes.lastModifiedTime().toMillis()));
        }
      }
    } catch (NoSuchFileException e) {
      // removed since it was listed in its parent
    } catch (IOException e) {
      throw new RuntimeIOException(e, "Cannot list directory: %s", directory.location());
    }
  }

  private static BasicFileAttributes attributesOrNull(Path entry) throws IOException {
    try {
      return Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    }
  }
}
