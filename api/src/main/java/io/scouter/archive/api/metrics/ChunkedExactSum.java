package io.scouter.archive.api.metrics;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * An exact sum of binary fractions held in {@code long}s: a superaccumulator. Chunk {@code i} of
 * the window holds a signed multiple of {@code 2^(32 * (base + i) - OFFSET)}; a value is split
 * into pieces added into the two (four for a square) chunks it touches, so adding a double costs
 * a few shifts and adds where a {@link BigInteger} sum allocates and copies per value.
 *
 * <p>No long can overflow: every piece is below {@code 2^52} in magnitude, and after at most
 * {@code carryInterval} (at most {@value #MAX_CARRY_INTERVAL}) additions {@link #carry()} brings
 * every chunk but the top one back to {@code [0, 2^32)} and the top one to {@code [-2^31, 2^31)},
 * so a chunk never exceeds {@code 2^32 + carryInterval * 2^52 + 2^31 < 2^63}. The window covers only the
 * exponents seen (a few chunks for real data), growing when a value falls outside it: a query has
 * thousands of bins, so the whole 2,100-bit (4,200 for squares) range is never allocated up front.
 * Not thread-safe.
 */
final class ChunkedExactSum {
  /**
   * A chunk carried is below 2^32 in magnitude and each addition adds less than 2^52 to it, so
   * 2^10 additions (plus a carry from below) keep it far below 2^63; carrying every thousand
   * additions costs next to nothing.
   */
  static final int MAX_CARRY_INTERVAL = 1 << 10;
  /**
   * Added to every binary exponent so that chunk indices are never negative: the smallest
   * exponent is that of the square of the smallest subnormal, 2 * -1074 = -2148 > -OFFSET.
   */
  private static final int OFFSET = 2176;
  private static final int CHUNK_BITS = 32;
  private static final long CHUNK_MASK = 0xFFFF_FFFFL;

  private final int carryInterval;
  private long[] chunks;
  private int base;
  private int additionsSinceCarry;

  /** @param carryInterval additions between carries; lowered only by tests, to reach the carry path */
  ChunkedExactSum(int carryInterval) {
    if (carryInterval < 1 || carryInterval > MAX_CARRY_INTERVAL) {
      throw new IllegalArgumentException("Invalid carry interval: " + carryInterval
          + " (must be between 1 and " + MAX_CARRY_INTERVAL + ")");
    }
    this.carryInterval = carryInterval;
  }

  /** Adds {@code significand * 2^exponent} for a double's significand ({@code |significand| < 2^53}). */
  void add(long significand, int exponent) {
    if (significand == 0) {
      return;
    }
    long magnitude = Math.abs(significand);
    int position = exponent + OFFSET;
    int shift = position & (CHUNK_BITS - 1);
    int first = reserve(position >>> 5, 2);
    long sign = significand >> 63;
    // The shifted significand has at most 53 + 31 bits: 32 in the first chunk, 52 in the second.
    chunks[first] += negateIf(sign, (magnitude << shift) & CHUNK_MASK);
    chunks[first + 1] += negateIf(sign, magnitude >>> (CHUNK_BITS - shift));
    countAddition();
  }

  /** Adds {@code significand^2 * 2^(2 * exponent)}, exactly: the 106-bit square of a double's significand. */
  void addSquare(long significand, int exponent) {
    if (significand == 0) {
      return;
    }
    long magnitude = Math.abs(significand);
    long low = magnitude * magnitude;
    long high = Math.multiplyHigh(magnitude, magnitude);
    int position = 2 * exponent + OFFSET;
    int shift = position & (CHUNK_BITS - 1);
    int first = reserve(position >>> 5, 4);
    // The shifted square has at most 106 + 31 bits: 32 in each of the first three chunks, 41 in the fourth.
    // (low >>> 1) >>> (63 - shift) is low's top shift bits: 0 for shift 0, where low >>> 64 would be low.
    chunks[first] += (low << shift) & CHUNK_MASK;
    chunks[first + 1] += (low >>> (CHUNK_BITS - shift)) & CHUNK_MASK;
    chunks[first + 2] += ((high << shift) | ((low >>> 1) >>> (63 - shift))) & CHUNK_MASK;
    chunks[first + 3] += high >>> (CHUNK_BITS - shift);
    countAddition();
  }

  /** Adds the value of another sum; the other's value is unchanged (its chunks are carried). */
  void add(ChunkedExactSum other) {
    if (other.chunks == null) {
      return;
    }
    other.carry();
    carry();
    int first = reserve(other.base, other.chunks.length);
    for (int i = 0; i < other.chunks.length; i++) {
      chunks[first + i] += other.chunks[i];
    }
    carry();
  }

  /** The exact value, built once for the final rounding. */
  ExactSum toExactSum() {
    ExactSum exact = new ExactSum();
    if (chunks == null) {
      return exact;
    }
    carry();
    BigInteger significand = BigInteger.valueOf(chunks[chunks.length - 1]);
    for (int i = chunks.length - 2; i >= 0; i--) {
      significand = significand.shiftLeft(CHUNK_BITS).add(BigInteger.valueOf(chunks[i]));
    }
    if (significand.signum() == 0) {
      return exact;
    }
    // Without the trailing zero bits the decimal conversion multiplies by a smaller power of 5.
    int zeros = significand.getLowestSetBit();
    exact.add(significand.shiftRight(zeros), CHUNK_BITS * base - OFFSET + zeros);
    return exact;
  }

  private static long negateIf(long sign, long piece) {
    return (piece ^ sign) - sign;
  }

  private void countAddition() {
    if (++additionsSinceCarry >= carryInterval) {
      carry();
    }
  }

  /**
   * Makes sure the window holds chunks {@code [index, index + count)} and returns the array index
   * of chunk {@code index}. A window leaves a chunk of slack below (the next value may be a little
   * smaller) and one above, for carries: data of one magnitude never grows it again.
   */
  private int reserve(int index, int count) {
    if (chunks == null) {
      chunks = new long[count + 2];
      base = index - 1;
    } else if (index < base || index + count > base + chunks.length) {
      int newBase = Math.min(base, index - 1);
      int newTop = Math.max(base + chunks.length, index + count + 1);
      long[] grown = new long[newTop - newBase];
      System.arraycopy(chunks, 0, grown, base - newBase, chunks.length);
      chunks = grown;
      base = newBase;
    }
    return index - base;
  }

  /** Moves every chunk's bits above its 32 into the next one; the value is unchanged. */
  private void carry() {
    additionsSinceCarry = 0;
    if (chunks == null) {
      return;
    }
    int top = chunks.length - 1;
    for (int i = 0; i < top; i++) {
      long carry = chunks[i] >> CHUNK_BITS;
      chunks[i] &= CHUNK_MASK;
      chunks[i + 1] += carry;
    }
    long topChunk = chunks[top];
    if (topChunk >= Integer.MIN_VALUE && topChunk <= Integer.MAX_VALUE) {
      return;
    }
    // The top chunk must stay small too, or it would have no room for further additions.
    chunks = Arrays.copyOf(chunks, chunks.length + 1);
    chunks[top] = topChunk & CHUNK_MASK;
    chunks[top + 1] = topChunk >> CHUNK_BITS;
  }
}
