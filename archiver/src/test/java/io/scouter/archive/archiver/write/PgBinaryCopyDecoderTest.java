package io.scouter.archive.archiver.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The binary COPY decoder against hand-built streams, cut into chunks at every possible place. */
class PgBinaryCopyDecoderTest {
  private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 5, 7, 11, 64, 100_000})
  void decodesTuplesWhateverTheChunkBoundaries(int chunkSize) throws SQLException {
    byte[] stream = new StreamBuilder()
        .tuple(field(int64(-1L)), text("spa'ce"), text("模型😀"), text(""), field(float8(-0.0)))
        .tuple(field(int64(Long.MAX_VALUE - 1)), text("x".repeat(70_000)), text("n"), text("v"),
            field(float8(Double.NaN)))
        .trailer();
    PgBinaryCopyDecoder decoder = new PgBinaryCopyDecoder(chunks(stream, chunkSize), 5);

    assertThat(decoder.next()).isTrue();
    assertThat(decoder.timestampMicros(0)).isEqualTo(PgBinaryCopyDecoder.POSTGRES_EPOCH_MICROS - 1);
    assertThat(decoder.text(1)).isEqualTo("spa'ce");
    assertThat(decoder.text(2)).isEqualTo("模型😀");
    assertThat(decoder.length(3)).isZero();
    assertThat(Double.doubleToRawLongBits(decoder.float8(4))).isEqualTo(Double.doubleToRawLongBits(-0.0));
    assertThat(decoder.next()).isTrue();
    assertThat(decoder.int64(0)).isEqualTo(Long.MAX_VALUE - 1);
    assertThat(decoder.text(1)).hasSize(70_000);
    assertThat(decoder.textEquals(2, "n".getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(decoder.float8(4)).isNaN();
    assertThat(decoder.next()).isFalse();
    assertThat(decoder.next()).isFalse();
    assertThat(decoder.tuples()).isEqualTo(2);
  }

  @Test
  void skipsTheHeaderExtension() throws SQLException {
    byte[] stream = new StreamBuilder(new byte[] {1, 2, 3}).tuple(field(int32(42))).trailer();
    PgBinaryCopyDecoder decoder = new PgBinaryCopyDecoder(chunks(stream, 4), 1);
    assertThat(decoder.next()).isTrue();
    assertThat(decoder.int32(0)).isEqualTo(42);
    assertThat(decoder.next()).isFalse();
  }

  @Test
  void reportsNullFieldsByLength() throws SQLException {
    byte[] stream = new StreamBuilder().tuple(nullField(), field(int32(7))).trailer();
    PgBinaryCopyDecoder decoder = new PgBinaryCopyDecoder(chunks(stream, 3), 2);
    assertThat(decoder.next()).isTrue();
    assertThat(decoder.length(0)).isEqualTo(-1);
    assertThat(decoder.int32(1)).isEqualTo(7);
  }

  @Test
  void rejectsAStreamThatIsNotBinaryCopy() {
    byte[] text = "2026-01-01\tspace\n".repeat(3).getBytes(StandardCharsets.UTF_8);
    PgBinaryCopyDecoder decoder = new PgBinaryCopyDecoder(chunks(text, 100), 1);
    assertThatThrownBy(decoder::next)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Invalid COPY stream: not PostgreSQL's binary format");
  }

  @Test
  void rejectsATruncatedStream() {
    byte[] stream = new StreamBuilder().tuple(field(int64(1)), field(int64(2))).trailer();
    byte[] truncated = Arrays.copyOf(stream, stream.length - 9);
    PgBinaryCopyDecoder decoder = new PgBinaryCopyDecoder(chunks(truncated, 5), 2);
    assertThatThrownBy(decoder::next)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Invalid COPY stream: ended while reading a field value");
  }

  @Test
  void rejectsAStreamWithoutTrailer() throws SQLException {
    byte[] stream = new StreamBuilder().tuple(field(int32(1))).withoutTrailer();
    PgBinaryCopyDecoder decoder = new PgBinaryCopyDecoder(chunks(stream, 5), 1);
    assertThat(decoder.next()).isTrue();
    assertThatThrownBy(decoder::next)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Invalid COPY stream: ended while reading a tuple or the trailer");
  }

  @Test
  void rejectsAnUnexpectedFieldCount() {
    byte[] stream = new StreamBuilder().tuple(field(int32(1)), field(int32(2))).trailer();
    PgBinaryCopyDecoder decoder = new PgBinaryCopyDecoder(chunks(stream, 5), 3);
    assertThatThrownBy(decoder::next)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Invalid COPY tuple 1: 2 fields, expected 3");
  }

  @Test
  void rejectsAFieldOfTheWrongWidth() throws SQLException {
    byte[] stream = new StreamBuilder().tuple(field(int32(1))).trailer();
    PgBinaryCopyDecoder decoder = new PgBinaryCopyDecoder(chunks(stream, 5), 1);
    assertThat(decoder.next()).isTrue();
    assertThatThrownBy(() -> decoder.int64(0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Invalid COPY field 0: 4 bytes, expected 8");
  }

  @Test
  void rejectsInfiniteTimestamps() throws SQLException {
    byte[] stream = new StreamBuilder().tuple(field(int64(Long.MAX_VALUE))).trailer();
    PgBinaryCopyDecoder decoder = new PgBinaryCopyDecoder(chunks(stream, 5), 1);
    assertThat(decoder.next()).isTrue();
    assertThatThrownBy(() -> decoder.timestampMicros(0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Cannot archive an infinite timestamp (field 0)");
  }

  @Test
  void rejectsDataAfterTheTrailer() throws SQLException {
    byte[] stream = new StreamBuilder().tuple(field(int32(1))).trailer();
    byte[] extended = Arrays.copyOf(stream, stream.length + 1);
    PgBinaryCopyDecoder decoder = new PgBinaryCopyDecoder(chunks(extended, stream.length), 1);
    assertThat(decoder.next()).isTrue();
    assertThatThrownBy(decoder::next)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Invalid COPY stream: data after the trailer");
  }

  @Test
  void rejectsTuplesWithOids() {
    byte[] stream = new StreamBuilder(new byte[0], 1 << 16).tuple(field(int32(1))).trailer();
    PgBinaryCopyDecoder decoder = new PgBinaryCopyDecoder(chunks(stream, 5), 1);
    assertThatThrownBy(decoder::next)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Invalid COPY stream: tuples carry OIDs");
  }

  static CopyChunkSource chunks(byte[] stream, int chunkSize) {
    Deque<byte[]> chunks = new ArrayDeque<>();
    for (int from = 0; from < stream.length; from += chunkSize) {
      chunks.add(Arrays.copyOfRange(stream, from, Math.min(stream.length, from + chunkSize)));
    }
    return chunks::poll;
  }

  static byte[] field(byte[] value) {
    return value;
  }

  static byte[] nullField() {
    return null;
  }

  static byte[] text(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] int64(long value) {
    return bytes(out -> out.writeLong(value));
  }

  static byte[] int32(int value) {
    return bytes(out -> out.writeInt(value));
  }

  static byte[] float8(double value) {
    return bytes(out -> out.writeLong(Double.doubleToRawLongBits(value)));
  }

  private interface Writes {
    void to(DataOutputStream out) throws IOException;
  }

  private static byte[] bytes(Writes writes) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      writes.to(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** PostgreSQL's binary COPY format, written the way the server writes it. */
  static final class StreamBuilder {
    private final List<byte[][]> tuples = new ArrayList<>();
    private final byte[] extension;
    private final int flags;

    StreamBuilder() {
      this(new byte[0]);
    }

    StreamBuilder(byte[] extension) {
      this(extension, 0);
    }

    StreamBuilder(byte[] extension, int flags) {
      this.extension = extension;
      this.flags = flags;
    }

    StreamBuilder tuple(byte[]... fields) {
      tuples.add(fields);
      return this;
    }

    byte[] trailer() {
      return build(true);
    }

    byte[] withoutTrailer() {
      return build(false);
    }

    private byte[] build(boolean trailer) {
      return bytes(out -> {
        out.write(SIGNATURE);
        out.writeInt(flags);
        out.writeInt(extension.length);
        out.write(extension);
        for (byte[][] fields : tuples) {
          out.writeShort(fields.length);
          for (byte[] value : fields) {
            if (value == null) {
              out.writeInt(-1);
            } else {
              out.writeInt(value.length);
              out.write(value);
            }
          }
        }
        if (trailer) {
          out.writeShort(-1);
        }
      });
    }
  }
}
