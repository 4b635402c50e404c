package io.scouter.archive.catalog.storage;

import io.scouter.archive.catalog.storage.LocalPositionOutputStream.Publish;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.RuntimeIOException;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.PositionOutputStream;

/**
 * A file to be written on local disk; missing parent directories are created on open.
 *
 * <p>With atomic writes the bytes go to a hidden temporary file in the same directory
 * ({@code .<name>.<uuid>.tmp}), which is published under the final name when the stream closes,
 * so a crash leaves a temporary file rather than a torn file under a name Iceberg generated.
 */
final class LocalOutputFile implements OutputFile {
  private static final OpenOption[] CREATE_NEW = {StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW};
  private static final OpenOption[] OVERWRITE = {
    StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING
  };

  private final String location;
  private final Path path;
  private final boolean atomic;
  private final boolean fsync;
  private final PendingDirectorySyncs directorySyncs;

  LocalOutputFile(String location, Path path, boolean atomic, boolean fsync) {
    this(location, path, atomic, fsync, PendingDirectorySyncs.SHARED);
  }

  LocalOutputFile(String location, Path path, boolean atomic, boolean fsync, PendingDirectorySyncs directorySyncs) {
    this.location = location;
    this.path = path;
    this.atomic = atomic;
    this.fsync = fsync;
    this.directorySyncs = directorySyncs;
  }

  @Override
  public PositionOutputStream create() {
    if (!atomic) {
      return open(path, CREATE_NEW, Publish.IN_PLACE);
    }
    // Fail fast; the hard link on close is what makes the no-overwrite promise race-free.
    if (Files.exists(path)) {
      throw new AlreadyExistsException("Cannot create file: already exists: %s", location);
    }
    return open(temporaryPath(), CREATE_NEW, Publish.LINK_NO_REPLACE);
  }

  @Override
  public PositionOutputStream createOrOverwrite() {
    return atomic
        ? open(temporaryPath(), CREATE_NEW, Publish.RENAME_REPLACE)
        : open(path, OVERWRITE, Publish.IN_PLACE);
  }

  @Override
  public String location() {
    return location;
  }

  @Override
  public InputFile toInputFile() {
    return new LocalInputFile(location, path, null);
  }

  @Override
  public String toString() {
    return location;
  }

  private PositionOutputStream open(Path written, OpenOption[] options, Publish publish) {
    try {
      createParentDirectories();
    } catch (IOException e) {
      throw new RuntimeIOException(e, "Cannot create parent directories of file: %s", location);
    }
    try {
      FileChannel channel = FileChannel.open(written, options);
      return new LocalPositionOutputStream(location, path, written, channel, publish,
          fsync ? directorySyncs : null);
    } catch (FileAlreadyExistsException e) {
      throw new AlreadyExistsException(e, "Cannot create file: already exists: %s", location);
    } catch (IOException e) {
      throw new RuntimeIOException(e, "Cannot create file: %s", location);
    }
  }

  private Path temporaryPath() {
    return path.resolveSibling("." + path.getFileName() + "." + UUID.randomUUID() + ".tmp");
  }

  /**
   * Creates missing parents. With fsync, each new directory's parent is left for the stream's close
   * to force ({@link PendingDirectorySyncs}), so that opening a file does not wait for the disk.
   */
  private void createParentDirectories() throws IOException {
    Path parent = path.getParent();
    if (Files.isDirectory(parent)) {
      return;
    }
    if (!fsync) {
      Files.createDirectories(parent);
      return;
    }
    List<Path> gaining = new ArrayList<>();
    for (Path missing = parent; missing.getParent() != null && Files.notExists(missing); missing = missing.getParent()) {
      gaining.add(missing.getParent());
    }
    gaining.forEach(directorySyncs::beginCreating);
    try {
      Files.createDirectories(parent);
    } finally {
      gaining.forEach(directorySyncs::endCreating);
    }
  }

  /** Forces a directory's entries to disk, so a new or renamed file survives a power loss. */
  static void fsyncDirectory(Path directory) throws IOException {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }
}
