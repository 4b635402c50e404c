package io.scouter.archive.catalog.storage;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.iceberg.exceptions.RuntimeIOException;
import org.apache.iceberg.io.BulkDeletionFailureException;
import org.apache.iceberg.io.DelegateFileIO;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Iceberg {@code FileIO} for local disks on {@code java.nio}, replacing HadoopFileIO, which forks a
 * {@code chmod} process per file and directory when Hadoop's native library is absent.
 *
 * <p>Locations: {@code file:///abs/path}, {@code file:/abs/path} and {@code /abs/path} all name
 * {@code /abs/path}; they are literal strings, never percent-decoded (as in HadoopFileIO). The
 * catalog's warehouse should be given as {@code file:///abs/path}: Iceberg derives every table,
 * metadata and data location from it by appending, and {@link #listPrefix} answers in the form of
 * the prefix it is given, so recorded and listed locations compare equal.
 *
 * <p>Writes: by default a file is written to a temporary sibling, forced to disk and then published
 * under its final name (a hard link for {@code create()}, which therefore fails atomically if the
 * name exists; an atomic rename for {@code createOrOverwrite()}), and the directory is forced too.
 * Iceberg commits a file's location to the catalog right after closing it, so the bytes must be
 * durable by then; a crash mid-write leaves only a hidden {@code .tmp} file for orphan cleanup.
 *
 * <p>Deletes are idempotent: a missing file is not an error (as in HadoopFileIO and object
 * stores), but a directory is never removed by {@link #deleteFile}.
 */
public class LocalFileIO implements DelegateFileIO {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(LocalFileIO.class);

  /** Write to a temporary file and publish it on close. */
  public static final String ATOMIC_WRITES_ENABLED = "local.atomic-writes-enabled";
  public static final boolean ATOMIC_WRITES_ENABLED_DEFAULT = true;

  /** Force file contents and directory entries to disk on close. */
  public static final String FSYNC_ENABLED = "local.fsync-enabled";
  public static final boolean FSYNC_ENABLED_DEFAULT = true;

  private Map<String, String> properties = Collections.emptyMap();
  private boolean atomicWrites = ATOMIC_WRITES_ENABLED_DEFAULT;
  private boolean fsync = FSYNC_ENABLED_DEFAULT;

  /** Needed by {@code CatalogUtil.loadFileIO} ({@code io-impl}); call {@link #initialize} next. */
  public LocalFileIO() {}

  @Override
  public void initialize(Map<String, String> newProperties) {
    this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(newProperties));
    this.atomicWrites = booleanProperty(ATOMIC_WRITES_ENABLED, ATOMIC_WRITES_ENABLED_DEFAULT);
    this.fsync = booleanProperty(FSYNC_ENABLED, FSYNC_ENABLED_DEFAULT);
  }

  @Override
  public Map<String, String> properties() {
    return properties;
  }

  @Override
  public InputFile newInputFile(String location) {
    return new LocalInputFile(location, LocalLocations.toPath(location), null);
  }

  @Override
  public InputFile newInputFile(String location, long length) {
    if (length < 0) {
      throw new IllegalArgumentException("Invalid length: " + length + " for " + location);
    }
    return new LocalInputFile(location, LocalLocations.toPath(location), length);
  }

  @Override
  public OutputFile newOutputFile(String location) {
    Path path = LocalLocations.toPath(location);
    if (path.getFileName() == null) {
      throw new IllegalArgumentException("Invalid location: " + location + " (names no file)");
    }
    return new LocalOutputFile(location, path, atomicWrites, fsync);
  }

  @Override
  public void deleteFile(String location) {
    Path path = LocalLocations.toPath(location);
    try {
      if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
        throw new FileSystemException(path.toString(), null, "Is a directory");
      }
      Files.deleteIfExists(path);
    } catch (FileSystemException e) {
      throw new RuntimeIOException(e, "Cannot delete file: %s: %s", e.getReason(), location);
    } catch (IOException e) {
      throw new RuntimeIOException(e, "Cannot delete file: %s", location);
    }
  }

  /**
   * Deletes every location, continuing past failures; missing files do not count as failures.
   *
   * @throws BulkDeletionFailureException with the number of locations that could not be deleted
   */
  @Override
  public void deleteFiles(Iterable<String> locations) {
    int failures = 0;
    for (String location : locations) {
      try {
        deleteFile(location);
      } catch (RuntimeException e) {
        failures += 1;
        LOG.warn("Cannot delete file {}", location, e);
      }
    }
    if (failures > 0) {
      throw new BulkDeletionFailureException(failures);
    }
  }

  /**
   * Lists the regular files below a directory, recursively, with their size and last-modified
   * time (which is what orphan cleanup's age threshold needs). A missing prefix lists nothing; a
   * prefix naming a file lists that file. Symbolic links below the prefix are not followed.
   */
  @Override
  public Iterable<FileInfo> listPrefix(String prefix) {
    Path root = LocalLocations.toPath(prefix);
    return () -> listFrom(root, prefix);
  }

  /**
   * Deletes the files and directories below a prefix and the prefix itself. A missing prefix is
   * not an error; a prefix that is a symbolic link is unlinked, its target left untouched.
   */
  @Override
  public void deletePrefix(String prefix) {
    Path root = LocalLocations.toPath(prefix);
    try {
      Files.walkFileTree(root, new Deleter());
    } catch (IOException e) {
      throw new RuntimeIOException(e, "Cannot delete prefix: %s", prefix);
    }
  }

  /** Holds no resources; streams are closed by their users. */
  @Override
  public void close() {}

  @Override
  public String toString() {
    return "LocalFileIO{atomicWrites=" + atomicWrites + ", fsync=" + fsync + "}";
  }

  private static Iterator<FileInfo> listFrom(Path root, String prefix) {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(root, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return Collections.emptyIterator();
    } catch (IOException e) {
      throw new RuntimeIOException(e, "Cannot list prefix: %s", prefix);
    }
    if (attributes.isDirectory()) {
      return new LocalFileTreeIterator(root, prefix);
    }
    if (attributes.isRegularFile()) {
      FileInfo file = new FileInfo(prefix, attributes.size(), attributes.lastModifiedTime().toMillis());
      return Collections.singletonList(file).iterator();
    }
    return Collections.emptyIterator();
  }

  private boolean booleanProperty(String key, boolean defaultValue) {
    String value = properties.get(key);
    if (value == null) {
      return defaultValue;
    }
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(value);
    }
    throw new IllegalArgumentException("Invalid " + key + ": " + value + " (expected true or false)");
  }

  /** Deletes bottom-up without following links; entries that vanish meanwhile are ignored. */
  private static final class Deleter extends SimpleFileVisitor<Path> {
    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
      Files.deleteIfExists(file);
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException failure) throws IOException {
      if (failure instanceof NoSuchFileException) {
        return FileVisitResult.CONTINUE;
      }
      throw failure;
    }

    @Override
    public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
      if (failure != null && !(failure instanceof NoSuchFileException)) {
        throw failure;
      }
      Files.deleteIfExists(directory);
      return FileVisitResult.CONTINUE;
    }
  }
}
