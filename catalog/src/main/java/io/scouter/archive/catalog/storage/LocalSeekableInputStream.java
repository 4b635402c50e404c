package io.scouter.archive.catalog.storage;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Objects;
import org.apache.iceberg.io.RangeReadable;
import org.apache.iceberg.io.SeekableInputStream;

/**
 * Buffered, seekable stream over a {@link FileChannel}; not thread-safe, like every Iceberg stream.
 *
 * <p>Positional reads ({@link #readFully(long, byte[], int, int)}, {@link #readTail}) go straight
 * to the channel and leave {@link #getPos()} unchanged. The buffer is allocated on the first small
 * read, so Parquet's large column-chunk reads never copy through it.
 */
final class LocalSeekableInputStream extends SeekableInputStream implements RangeReadable {
  static final int BUFFER_SIZE = 64 * 1024;

  private final String location;
  private final FileChannel channel;
  private byte[] buffer;
  /** File position of {@code buffer[0]}. */
  private long bufferStart;
  /** Number of valid bytes in the buffer. */
  private int bufferLimit;
  /** Read position inside the buffer; the stream position is {@code bufferStart + bufferPos}. */
  private int bufferPos;
  private boolean closed;

  LocalSeekableInputStream(String location, FileChannel channel) {
    this.location = location;
    this.channel = channel;
  }

  @Override
  public long getPos() throws IOException {
    checkOpen("get position");
    return bufferStart + bufferPos;
  }

  @Override
  public void seek(long newPos) throws IOException {
    checkOpen("seek");
    if (newPos < 0) {
      throw new EOFException("Cannot seek to negative position " + newPos + ": " + location);
    }
    if (newPos >= bufferStart && newPos <= bufferStart + bufferLimit) {
      this.bufferPos = (int) (newPos - bufferStart);
      return;
    }
    long length = channel.size();
    if (newPos > length) {
      throw new EOFException(
          "Cannot seek to position " + newPos + ": beyond end of file (length " + length + "): " + location);
    }
    moveTo(newPos);
  }

  @Override
  public int read() throws IOException {
    checkOpen("read");
    if (bufferPos >= bufferLimit && !fill()) {
      return -1;
    }
    return buffer[bufferPos++] & 0xFF;
  }

  @Override
  public int read(byte[] bytes, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    checkOpen("read");
    if (length == 0) {
      return 0;
    }

    int buffered = bufferLimit - bufferPos;
    if (buffered > 0) {
      int count = Math.min(buffered, length);
      System.arraycopy(buffer, bufferPos, bytes, offset, count);
      bufferPos += count;
      return count;
    }

    if (length >= BUFFER_SIZE) {
      long position = bufferStart + bufferPos;
      int count = channel.read(ByteBuffer.wrap(bytes, offset, length), position);
      if (count < 0) {
        return -1;
      }
      moveTo(position + count);
      return count;
    }

    if (!fill()) {
      return -1;
    }
    int count = Math.min(bufferLimit - bufferPos, length);
    System.arraycopy(buffer, bufferPos, bytes, offset, count);
    bufferPos += count;
    return count;
  }

  /** Skips up to {@code count} bytes, never past the end of the file; returns the number skipped. */
  @Override
  public long skip(long count) throws IOException {
    checkOpen("skip");
    if (count <= 0) {
      return 0;
    }
    long position = bufferStart + bufferPos;
    long skipped = Math.max(0, Math.min(count, channel.size() - position));
    seek(position + skipped);
    return skipped;
  }

  @Override
  public int available() throws IOException {
    checkOpen("get available bytes");
    long remaining = channel.size() - (bufferStart + bufferPos);
    return (int) Math.max(0, Math.min(Integer.MAX_VALUE, remaining));
  }

  @Override
  public void readFully(long position, byte[] bytes, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    checkOpen("read");
    if (position < 0) {
      throw new EOFException("Cannot read at negative position " + position + ": " + location);
    }
    ByteBuffer target = ByteBuffer.wrap(bytes, offset, length);
    while (target.hasRemaining()) {
      int count = channel.read(target, position + target.position() - offset);
      if (count < 0) {
        throw new EOFException(
            String.format(
                "Cannot read %d bytes at position %d: end of file after %d bytes: %s",
                length, position, target.position() - offset, location));
      }
    }
  }

  @Override
  public int readTail(byte[] bytes, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    checkOpen("read");
    long fileLength = channel.size();
    int count = (int) Math.min(length, fileLength);
    readFully(fileLength - count, bytes, offset, count);
    return count;
  }

  @Override
  public void close() throws IOException {
    if (!closed) {
      this.closed = true;
      this.buffer = null;
      channel.close();
    }
  }

  private void moveTo(long position) {
    this.bufferStart = position;
    this.bufferLimit = 0;
    this.bufferPos = 0;
  }

  /** Refills the buffer from the current position; returns false at end of file. */
  private boolean fill() throws IOException {
    if (buffer == null) {
      this.buffer = new byte[BUFFER_SIZE];
    }
    moveTo(bufferStart + bufferPos);
    int count = channel.read(ByteBuffer.wrap(buffer), bufferStart);
    if (count <= 0) {
      return false;
    }
    this.bufferLimit = count;
    return true;
  }

  private void checkOpen(String action) throws IOException {
    if (closed) {
      throw new IOException("Cannot " + action + ": stream is closed: " + location);
    }
  }
}
