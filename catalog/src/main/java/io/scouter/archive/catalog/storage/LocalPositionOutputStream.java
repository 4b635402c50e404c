package io.scouter.archive.catalog.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.io.PositionOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffered output stream that makes the file durable and visible under its final name on close.
 *
 * <p>Invariant: a file whose write or flush failed is never published; close deletes what was
 * written and reports the failure. Iceberg closes writers on error paths too, so without this a
 * torn file would look complete.
 */
final class LocalPositionOutputStream extends PositionOutputStream {
  private static final Logger LOG = LoggerFactory.getLogger(LocalPositionOutputStream.class);
  static final int BUFFER_SIZE = 64 * 1024;

  /** How the written file becomes the file at the final location on close. */
  enum Publish {
    /** Written under the final name already. */
    IN_PLACE,
    /** Temporary file hard-linked to the final name; fails if that name exists. */
    LINK_NO_REPLACE,
    /** Temporary file renamed over the final name atomically. */
    RENAME_REPLACE
  }

  private final String location;
  private final Path target;
  private final Path written;
  private final FileChannel channel;
  private final Publish publish;
  private final boolean fsync;
  private final PendingDirectorySyncs directorySyncs;
  private byte[] buffer = new byte[BUFFER_SIZE];
  private int buffered;
  private long flushedBytes;
  private boolean failed;
  private boolean closed;

  /** @param directorySyncs where the directories to force on close are kept; {@code null} without fsync */
  LocalPositionOutputStream(
      String location, Path target, Path written, FileChannel channel, Publish publish,
      PendingDirectorySyncs directorySyncs) {
    this.location = location;
    this.target = target;
    this.written = written;
    this.channel = channel;
    this.publish = publish;
    this.fsync = directorySyncs != null;
    this.directorySyncs = directorySyncs;
  }

  /** Bytes written so far; still valid after close, where Iceberg's appenders read the length. */
  @Override
  public long getPos() {
    return flushedBytes + buffered;
  }

  @Override
  public void write(int value) throws IOException {
    checkOpen();
    if (buffered == buffer.length) {
      flushBuffer();
    }
    buffer[buffered++] = (byte) value;
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    checkOpen();
    if (length >= buffer.length) {
      flushBuffer();
      writeToChannel(ByteBuffer.wrap(bytes, offset, length));
      return;
    }
    if (length > buffer.length - buffered) {
      flushBuffer();
    }
    System.arraycopy(bytes, offset, buffer, buffered, length);
    buffered += length;
  }

  /** Hands buffered bytes to the OS (no fsync); a no-op after close, as wrapping streams flush late. */
  @Override
  public void flush() throws IOException {
    if (!closed) {
      checkOpen();
      flushBuffer();
    }
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    this.closed = true;

    IOException failure = null;
    try {
      if (!failed) {
        flushBuffer();
        if (fsync) {
          channel.force(true);
        }
      }
    } catch (IOException e) {
      this.failed = true;
      failure = e;
    }
    try {
      channel.close();
    } catch (IOException e) {
      this.failed = true;
      failure = addSuppressed(failure, e);
    }
    this.buffer = null;

    if (failed) {
      deleteQuietly(written);
      throw new IOException("Cannot complete file: a write failed, partial file deleted: " + location, failure);
    }
    publish();
  }

  private void publish() throws IOException {
    try {
      switch (publish) {
        case LINK_NO_REPLACE:
          Files.createLink(target, written);
          deleteQuietly(written);
          break;
        case RENAME_REPLACE:
          Files.move(written, target, StandardCopyOption.ATOMIC_MOVE);
          break;
        case IN_PLACE:
          break;
      }
    } catch (FileAlreadyExistsException e) {
      deleteQuietly(written);
      throw new AlreadyExistsException(e, "Cannot create file: already exists: %s", location);
    } catch (IOException e) {
      deleteQuietly(written);
      throw new IOException("Cannot publish file: " + location, e);
    }
    if (fsync) {
      // The file's own entry, and those of any directories created on its path and not yet forced.
      directorySyncs.forceUpFrom(target.getParent());
    }
  }

  private void flushBuffer() throws IOException {
    if (buffered > 0) {
      writeToChannel(ByteBuffer.wrap(buffer, 0, buffered));
      this.buffered = 0;
    }
  }

  private void writeToChannel(ByteBuffer bytes) throws IOException {
    int length = bytes.remaining();
    try {
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
    } catch (IOException | RuntimeException e) {
      this.failed = true;
      throw e;
    }
    flushedBytes += length;
  }

  private void checkOpen() throws IOException {
    if (closed) {
      throw new IOException("Cannot write: stream is closed: " + location);
    }
    if (failed) {
      throw new IOException("Cannot write: an earlier write failed: " + location);
    }
  }

  private static IOException addSuppressed(IOException first, IOException next) {
    if (first == null) {
      return next;
    }
    first.addSuppressed(next);
    return first;
  }

  private void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      LOG.warn("Cannot delete leftover file {} for {}", path, location, e);
    }
  }
}
