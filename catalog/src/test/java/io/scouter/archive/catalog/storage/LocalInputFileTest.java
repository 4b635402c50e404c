package io.scouter.archive.catalog.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.RangeReadable;
import org.apache.iceberg.io.SeekableInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalInputFileTest {
  /** Spans several stream buffers and ends mid-buffer. */
  private static final int LENGTH = 3 * LocalSeekableInputStream.BUFFER_SIZE + 1234;

  @TempDir Path directory;
  private final LocalFileIO io = new LocalFileIO();
  private byte[] content;
  private String location;

  @BeforeEach
  void writeFile() throws IOException {
    content = new byte[LENGTH];
    new Random(42).nextBytes(content);
    Path file = directory.resolve("data.bin");
    Files.write(file, content);
    location = "file://" + file;
  }

  @Test
  void reportsLengthLocationAndExistence() {
    InputFile file = io.newInputFile(location);
    assertThat(file.getLength()).isEqualTo(LENGTH);
    assertThat(file.location()).isEqualTo(location);
    assertThat(file.exists()).isTrue();
  }

  @Test
  void trustsAKnownLengthWithoutTouchingTheDisk() {
    InputFile file = io.newInputFile(location + ".missing", 7);
    assertThat(file.getLength()).isEqualTo(7);
    assertThat(file.exists()).isFalse();
  }

  @Test
  void rejectsANegativeKnownLength() {
    assertThatThrownBy(() -> io.newInputFile(location, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid length: -1 for " + location);
  }

  @Test
  void missingFileIsNotFound() {
    InputFile file = io.newInputFile(location + ".missing");
    assertThat(file.exists()).isFalse();
    assertThatThrownBy(file::getLength)
        .isInstanceOf(NotFoundException.class)
        .hasMessage("Cannot get length of file: does not exist: " + location + ".missing");
    assertThatThrownBy(file::newStream)
        .isInstanceOf(NotFoundException.class)
        .hasMessage("Cannot open file: does not exist: " + location + ".missing");
  }

  @Test
  void directoryIsNotAFile() {
    InputFile file = io.newInputFile(directory.toString());
    assertThat(file.exists()).isFalse();
    assertThatThrownBy(file::newStream)
        .isInstanceOf(NotFoundException.class)
        .hasMessage("Cannot open file: is a directory: " + directory);
  }

  @Test
  void readsEverythingByteByByte() throws IOException {
    try (SeekableInputStream stream = io.newInputFile(location).newStream()) {
      byte[] read = new byte[LENGTH];
      for (int i = 0; i < LENGTH; i++) {
        int value = stream.read();
        assertThat(value).isBetween(0, 255);
        read[i] = (byte) value;
      }
      assertThat(stream.read()).isEqualTo(-1);
      assertThat(stream.getPos()).isEqualTo(LENGTH);
      assertThat(read).isEqualTo(content);
    }
  }

  @Test
  void readsInOddSizedChunksAcrossBufferBoundaries() throws IOException {
    try (SeekableInputStream stream = io.newInputFile(location).newStream()) {
      byte[] read = new byte[LENGTH + 10];
      int total = 0;
      int chunk = 1;
      int count;
      while ((count = stream.read(read, total, Math.min(chunk, read.length - total))) > 0) {
        total += count;
        assertThat(stream.getPos()).isEqualTo(total);
        chunk = chunk * 3 + 1;
      }
      assertThat(count).isEqualTo(-1);
      assertThat(total).isEqualTo(LENGTH);
      assertThat(Arrays.copyOf(read, total)).isEqualTo(content);
    }
  }

  @Test
  void readOfZeroBytesReturnsZeroAndBadBoundsAreRejected() throws IOException {
    try (SeekableInputStream stream = io.newInputFile(location).newStream()) {
      assertThat(stream.read(new byte[4], 2, 0)).isZero();
      assertThatThrownBy(() -> stream.read(new byte[4], 3, 2))
          .isInstanceOf(IndexOutOfBoundsException.class)
          .hasMessage("Range [3, 3 + 2) out of bounds for length 4");
    }
  }

  @Test
  void seeksForwardBackwardAndWithinTheBuffer() throws IOException {
    try (SeekableInputStream stream = io.newInputFile(location).newStream()) {
      long[] positions = {100, 5, 70_000, 70_001, 69_999, LENGTH - 1, 0, 2 * LocalSeekableInputStream.BUFFER_SIZE};
      for (long position : positions) {
        stream.seek(position);
        assertThat(stream.getPos()).isEqualTo(position);
        assertThat(stream.read()).isEqualTo(content[(int) position] & 0xFF);
        assertThat(stream.getPos()).isEqualTo(position + 1);
      }
    }
  }

  @Test
  void seekToEndOfFileThenReadReturnsEndOfStream() throws IOException {
    try (SeekableInputStream stream = io.newInputFile(location).newStream()) {
      stream.seek(LENGTH);
      assertThat(stream.read()).isEqualTo(-1);
      assertThat(stream.read(new byte[10], 0, 10)).isEqualTo(-1);
      assertThat(stream.available()).isZero();
      assertThat(stream.getPos()).isEqualTo(LENGTH);
    }
  }

  @Test
  void seekBeyondEndOfFileOrBeforeStartFails() throws IOException {
    try (SeekableInputStream stream = io.newInputFile(location).newStream()) {
      assertThatThrownBy(() -> stream.seek(LENGTH + 1))
          .isInstanceOf(EOFException.class)
          .hasMessage("Cannot seek to position " + (LENGTH + 1) + ": beyond end of file (length " + LENGTH + "): "
              + location);
      assertThatThrownBy(() -> stream.seek(-1))
          .isInstanceOf(EOFException.class)
          .hasMessage("Cannot seek to negative position -1: " + location);
      assertThat(stream.getPos()).isZero();
    }
  }

  @Test
  void skipMovesForwardButNeverPastTheEnd() throws IOException {
    try (SeekableInputStream stream = io.newInputFile(location).newStream()) {
      assertThat(stream.skip(0)).isZero();
      assertThat(stream.skip(-5)).isZero();
      assertThat(stream.skip(1000)).isEqualTo(1000);
      assertThat(stream.read()).isEqualTo(content[1000] & 0xFF);
      assertThat(stream.skip(Long.MAX_VALUE)).isEqualTo(LENGTH - 1001);
      assertThat(stream.getPos()).isEqualTo(LENGTH);
      assertThat(stream.skip(1)).isZero();
    }
  }

  @Test
  void availableCountsTheRestOfTheFile() throws IOException {
    try (SeekableInputStream stream = io.newInputFile(location).newStream()) {
      stream.seek(10);
      assertThat(stream.available()).isEqualTo(LENGTH - 10);
    }
  }

  @Test
  void largeReadBypassesTheBufferAndKeepsThePosition() throws IOException {
    try (SeekableInputStream stream = io.newInputFile(location).newStream()) {
      assertThat(stream.read()).isEqualTo(content[0] & 0xFF);
      byte[] rest = new byte[LocalSeekableInputStream.BUFFER_SIZE * 2];
      int first = stream.read(rest, 0, rest.length);
      assertThat(first).isEqualTo(LocalSeekableInputStream.BUFFER_SIZE - 1); // the buffered remainder
      int second = stream.read(rest, first, rest.length - first);
      assertThat(second).isEqualTo(rest.length - first);
      assertThat(stream.getPos()).isEqualTo(1 + rest.length);
      assertThat(rest).isEqualTo(Arrays.copyOfRange(content, 1, 1 + rest.length));
      assertThat(stream.read()).isEqualTo(content[1 + rest.length] & 0xFF);
    }
  }

  @Test
  void rangeReadsDoNotMoveThePosition() throws IOException {
    try (SeekableInputStream stream = io.newInputFile(location).newStream()) {
      assertThat(stream).isInstanceOf(RangeReadable.class);
      RangeReadable ranges = (RangeReadable) stream;
      stream.seek(17);

      byte[] middle = new byte[100_000];
      ranges.readFully(50_000, middle);
      assertThat(middle).isEqualTo(Arrays.copyOfRange(content, 50_000, 150_000));

      byte[] tail = new byte[8 + 100];
      assertThat(ranges.readTail(tail, 8, 100)).isEqualTo(100);
      assertThat(Arrays.copyOfRange(tail, 8, 108)).isEqualTo(Arrays.copyOfRange(content, LENGTH - 100, LENGTH));

      assertThat(stream.getPos()).isEqualTo(17);
      assertThat(stream.read()).isEqualTo(content[17] & 0xFF);
    }
  }

  @Test
  void readTailOfMoreThanTheFileReturnsTheWholeFile() throws IOException {
    try (SeekableInputStream stream = io.newInputFile(location).newStream()) {
      byte[] tail = new byte[LENGTH + 50];
      assertThat(((RangeReadable) stream).readTail(tail)).isEqualTo(LENGTH);
      assertThat(Arrays.copyOf(tail, LENGTH)).isEqualTo(content);
    }
  }

  @Test
  void readFullyPastTheEndFails() throws IOException {
    try (SeekableInputStream stream = io.newInputFile(location).newStream()) {
      RangeReadable ranges = (RangeReadable) stream;
      assertThatThrownBy(() -> ranges.readFully(LENGTH - 10, new byte[30]))
          .isInstanceOf(EOFException.class)
          .hasMessage("Cannot read 30 bytes at position " + (LENGTH - 10) + ": end of file after 10 bytes: "
              + location);
      assertThatThrownBy(() -> ranges.readFully(-1, new byte[1]))
          .isInstanceOf(EOFException.class)
          .hasMessage("Cannot read at negative position -1: " + location);
    }
  }

  @Test
  void everyOperationFailsAfterCloseAndCloseIsIdempotent() throws IOException {
    SeekableInputStream stream = io.newInputFile(location).newStream();
    stream.close();
    stream.close();
    String suffix = ": stream is closed: " + location;
    assertThatThrownBy(stream::read).isInstanceOf(IOException.class).hasMessage("Cannot read" + suffix);
    assertThatThrownBy(() -> stream.read(new byte[3], 0, 3))
        .isInstanceOf(IOException.class)
        .hasMessage("Cannot read" + suffix);
    assertThatThrownBy(() -> stream.seek(0)).isInstanceOf(IOException.class).hasMessage("Cannot seek" + suffix);
    assertThatThrownBy(stream::getPos).isInstanceOf(IOException.class).hasMessage("Cannot get position" + suffix);
    assertThatThrownBy(() -> stream.skip(1)).isInstanceOf(IOException.class).hasMessage("Cannot skip" + suffix);
    assertThatThrownBy(stream::available)
        .isInstanceOf(IOException.class)
        .hasMessage("Cannot get available bytes" + suffix);
    assertThatThrownBy(() -> ((RangeReadable) stream).readFully(0, new byte[1]))
        .isInstanceOf(IOException.class)
        .hasMessage("Cannot read" + suffix);
  }

  @Test
  void emptyFileReadsAsEndOfStream() throws IOException {
    Path empty = Files.createFile(directory.resolve("empty"));
    InputFile file = io.newInputFile(empty.toString());
    assertThat(file.getLength()).isZero();
    try (SeekableInputStream stream = file.newStream()) {
      assertThat(stream.read()).isEqualTo(-1);
      assertThat(((RangeReadable) stream).readTail(new byte[4])).isZero();
      stream.seek(0);
      assertThat(stream.getPos()).isZero();
    }
  }
}
