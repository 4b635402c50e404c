package io.scouter.archive.catalog.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.exceptions.RuntimeIOException;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.SeekableInputStream;

/** A regular file on local disk; a directory at the location counts as no file. */
final class LocalInputFile implements InputFile {
  private final String location;
  private final Path path;
  private Long length;

  /** @param length the known length, or null to read it from the file system when asked */
  LocalInputFile(String location, Path path, Long length) {
    this.location = location;
    this.path = path;
    this.length = length;
  }

  @Override
  public long getLength() {
    if (length == null) {
      this.length = attributes("get length of").size();
    }
    return length;
  }

  @Override
  public SeekableInputStream newStream() {
    attributes("open");
    try {
      return new LocalSeekableInputStream(location, FileChannel.open(path, StandardOpenOption.READ));
    } catch (NoSuchFileException e) {
      throw new NotFoundException(e, "Cannot open file: does not exist: %s", location);
    } catch (IOException e) {
      throw new RuntimeIOException(e, "Cannot open file: %s", location);
    }
  }

  @Override
  public String location() {
    return location;
  }

  @Override
  public boolean exists() {
    return Files.isRegularFile(path);
  }

  @Override
  public String toString() {
    return location;
  }

  private BasicFileAttributes attributes(String action) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
      if (attributes.isDirectory()) {
        throw new NotFoundException("Cannot %s file: is a directory: %s", action, location);
      }
      return attributes;
    } catch (NoSuchFileException e) {
      throw new NotFoundException(e, "Cannot %s file: does not exist: %s", action, location);
    } catch (IOException e) {
      throw new RuntimeIOException(e, "Cannot %s file: %s", action, location);
    }
  }
}
