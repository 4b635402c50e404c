package io.scouter.archive.archiver.write;

import java.util.Arrays;
import org.apache.parquet.io.api.Binary;

/**
 * Interns the series column's values (feature or metric names) as they stream past: a row whose
 * series was seen before costs a hash and a byte comparison, no allocation. Each distinct value gets
 * a small dense id, which {@link PartitionRun} uses to sort rows by series.
 *
 * <p>Open addressing over the UTF-8 bytes in the COPY buffer. Bounded: {@link #clearIfLargerThan}
 * starts over between partitions, so a table with very many distinct series cannot grow it forever.
 */
final class SeriesInterner {
  private static final int INITIAL_SLOTS = 64;

  private int[] slots = new int[INITIAL_SLOTS];
  private byte[][] bytes = new byte[INITIAL_SLOTS / 2][];
  private Binary[] binaries = new Binary[INITIAL_SLOTS / 2];
  private int[] hashes = new int[INITIAL_SLOTS / 2];
  private int size;

  SeriesInterner() {
    Arrays.fill(slots, -1);
  }

  /** The id of the value held in {@code buffer[offset, offset + length)}, interning it if new. */
  int intern(byte[] buffer, int offset, int length) {
    int hash = hash(buffer, offset, length);
    int mask = slots.length - 1;
    for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
      int id = slots[slot];
      if (id < 0) {
        return add(slot, hash, Arrays.copyOfRange(buffer, offset, offset + length));
      }
      if (hashes[id] == hash && Arrays.equals(bytes[id], 0, bytes[id].length, buffer, offset, offset + length)) {
        return id;
      }
    }
  }

  Binary binary(int id) {
    return binaries[id];
  }

  byte[] bytes(int id) {
    return bytes[id];
  }

  int size() {
    return size;
  }

  /** Forgets every value once more than {@code limit} are held; ids handed out before become invalid. */
  void clearIfLargerThan(int limit) {
    if (size > limit) {
      slots = new int[INITIAL_SLOTS];
      Arrays.fill(slots, -1);
      bytes = new byte[INITIAL_SLOTS / 2][];
      binaries = new Binary[INITIAL_SLOTS / 2];
      hashes = new int[INITIAL_SLOTS / 2];
      size = 0;
    }
  }

  private int add(int slot, int hash, byte[] value) {
    int id = size++;
    if (id == bytes.length) {
      bytes = Arrays.copyOf(bytes, id * 2);
      binaries = Arrays.copyOf(binaries, id * 2);
      hashes = Arrays.copyOf(hashes, id * 2);
    }
    bytes[id] = value;
    binaries[id] = Binary.fromConstantByteArray(value);
    hashes[id] = hash;
    slots[slot] = id;
    if (size * 2 > slots.length) {
      rehash();
    }
    return id;
  }

  private void rehash() {
    int[] grown = new int[slots.length * 2];
    Arrays.fill(grown, -1);
    int mask = grown.length - 1;
    for (int id = 0; id < size; id++) {
      int slot = hashes[id] & mask;
      while (grown[slot] >= 0) {
        slot = (slot + 1) & mask;
      }
      grown[slot] = id;
    }
    slots = grown;
  }

  private static int hash(byte[] buffer, int offset, int length) {
    int hash = 1;
    for (int i = offset, end = offset + length; i < end; i++) {
      hash = 31 * hash + buffer[i];
    }
    return hash ^ (hash >>> 16);
  }
}
