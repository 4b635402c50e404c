package io.scouter.archive.archiver.write;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * Decodes PostgreSQL's binary COPY format one tuple at a time without allocating per tuple: the
 * current tuple's fields stay in an internal buffer and are read through typed accessors until the
 * next call to {@link #next()}.
 *
 * <p>Format: an 11-byte signature, an int32 flags word, an int32 header-extension length and the
 * extension; then per tuple an int16 field count and per field an int32 length ({@code -1} for NULL)
 * followed by that many bytes; then an int16 {@code -1} trailer. Everything is big-endian.
 *
 * <p>Hand-written because PgJDBC's {@code CopyManager} hands out the raw bytes only and has no
 * decoder for the binary format; the text format would cost a parse of every number and timestamp.
 */
final class PgBinaryCopyDecoder {
  /** Microseconds from 1970-01-01 to PostgreSQL's epoch, 2000-01-01 (both UTC). */
  static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;

  private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
  private static final int OIDS_FLAG = 1 << 16;
  private static final VarHandle INT16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private final CopyChunkSource source;
  private final int fieldCount;
  private final int[] fieldOffsets;
  private final int[] fieldLengths;
  private byte[] buffer = new byte[64 * 1024];
  private int position;
  private int limit;
  private boolean started;
  private boolean ended;
  private long tuples;

  PgBinaryCopyDecoder(CopyChunkSource source, int fieldCount) {
    this.source = source;
    this.fieldCount = fieldCount;
    this.fieldOffsets = new int[fieldCount];
    this.fieldLengths = new int[fieldCount];
  }

  /** Advances to the next tuple; {@code false} once the trailer has been read. */
  boolean next() throws SQLException {
    if (ended) {
      return false;
    }
    if (!started) {
      readHeader();
      started = true;
    }
    if (position == limit) {
      // Typical case (one tuple per message): start the buffer over instead of compacting.
      position = 0;
      limit = 0;
    }
    int tupleStart = position;
    tupleStart = require(2, tupleStart, "a tuple or the trailer");
    short count = (short) INT16.get(buffer, position);
    position += 2;
    if (count == -1) {
      ended = true;
      drain();
      return false;
    }
    if (count != fieldCount) {
      throw new IllegalStateException(
          "Invalid COPY tuple " + (tuples + 1) + ": " + count + " fields, expected " + fieldCount);
    }
    for (int field = 0; field < fieldCount; field++) {
      tupleStart = require(4, tupleStart, "a field length");
      int length = (int) INT32.get(buffer, position);
      position += 4;
      if (length > 0) {
        tupleStart = require(length, tupleStart, "a field value");
      } else if (length < -1) {
        throw new IllegalStateException("Invalid COPY field length: " + length);
      }
      fieldOffsets[field] = position;
      fieldLengths[field] = length;
      position += Math.max(length, 0);
    }
    tuples++;
    return true;
  }

  /** Tuples decoded so far. */
  long tuples() {
    return tuples;
  }

  /** The field's length in bytes, {@code -1} for NULL. */
  int length(int field) {
    return fieldLengths[field];
  }

  /** The array holding the current tuple; valid until {@link #next()}. */
  byte[] buffer() {
    return buffer;
  }

  /** Where the field's bytes start in {@link #buffer()}. */
  int offset(int field) {
    return fieldOffsets[field];
  }

  long int64(int field) {
    requireLength(field, 8);
    return (long) INT64.get(buffer, fieldOffsets[field]);
  }

  int int32(int field) {
    requireLength(field, 4);
    return (int) INT32.get(buffer, fieldOffsets[field]);
  }

  double float8(int field) {
    return Double.longBitsToDouble(int64(field));
  }

  /** A timestamptz field as microseconds since 1970-01-01 UTC. */
  long timestampMicros(int field) {
    long sincePostgresEpoch = int64(field);
    if (sincePostgresEpoch == Long.MAX_VALUE || sincePostgresEpoch == Long.MIN_VALUE) {
      throw new IllegalStateException("Cannot archive an infinite timestamp (field " + field + ")");
    }
    return sincePostgresEpoch + POSTGRES_EPOCH_MICROS;
  }

  /** Whether a text field holds exactly these UTF-8 bytes. */
  boolean textEquals(int field, byte[] utf8) {
    int offset = fieldOffsets[field];
    return Arrays.equals(buffer, offset, offset + fieldLengths[field], utf8, 0, utf8.length);
  }

  byte[] textBytes(int field) {
    int offset = fieldOffsets[field];
    return Arrays.copyOfRange(buffer, offset, offset + Math.max(fieldLengths[field], 0));
  }

  String text(int field) {
    return new String(buffer, fieldOffsets[field], Math.max(fieldLengths[field], 0), StandardCharsets.UTF_8);
  }

  private void requireLength(int field, int expected) {
    if (fieldLengths[field] != expected) {
      throw new IllegalStateException(
          "Invalid COPY field " + field + ": " + fieldLengths[field] + " bytes, expected " + expected);
    }
  }

  private void readHeader() throws SQLException {
    require(SIGNATURE.length + 8, 0, "the header");
    if (!Arrays.equals(buffer, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
      throw new IllegalStateException("Invalid COPY stream: not PostgreSQL's binary format");
    }
    int flags = (int) INT32.get(buffer, SIGNATURE.length);
    if ((flags & OIDS_FLAG) != 0) {
      throw new IllegalStateException("Invalid COPY stream: tuples carry OIDs");
    }
    int extension = (int) INT32.get(buffer, SIGNATURE.length + 4);
    position = SIGNATURE.length + 8;
    require(extension, position, "the header extension");
    position += extension;
  }

  /**
   * Makes {@code needed} bytes available at {@link #position}, keeping the current tuple (from
   * {@code tupleStart}) in the buffer; returns the tuple's start, which moves when the buffer is
   * compacted. Field offsets of the current tuple move with it.
   */
  private int require(int needed, int tupleStart, String what) throws SQLException {
    int start = tupleStart;
    while (limit - position < needed) {
      byte[] chunk = source.next();
      if (chunk == null) {
        throw new IllegalStateException("Invalid COPY stream: ended while reading " + what);
      }
      start = append(chunk, start);
    }
    return start;
  }

  private int append(byte[] chunk, int tupleStart) {
    if (limit + chunk.length > buffer.length) {
      int kept = limit - tupleStart;
      byte[] target = kept + chunk.length > buffer.length
          ? new byte[Math.max(buffer.length * 2, kept + chunk.length)]
          : buffer;
      System.arraycopy(buffer, tupleStart, target, 0, kept);
      for (int field = 0; field < fieldCount; field++) {
        fieldOffsets[field] -= tupleStart;
      }
      buffer = target;
      position -= tupleStart;
      limit = kept;
      tupleStart = 0;
    }
    System.arraycopy(chunk, 0, buffer, limit, chunk.length);
    limit += chunk.length;
    return tupleStart;
  }

  private void drain() throws SQLException {
    if (limit != position) {
      throw new IllegalStateException("Invalid COPY stream: data after the trailer");
    }
    if (source.next() != null) {
      throw new IllegalStateException("Invalid COPY stream: data after the trailer");
    }
  }
}
