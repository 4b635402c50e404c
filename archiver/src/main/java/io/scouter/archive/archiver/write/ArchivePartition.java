package io.scouter.archive.archiver.write;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.apache.iceberg.StructLike;
import org.apache.parquet.io.api.Binary;

/**
 * The partition of a drift table row, {@code day(created_at), space, name, version}, in the field
 * order of {@code DriftTableDefinition.partitionSpec()}. Immutable: writers and data files may keep it.
 * Also holds the UTF-8 forms, so that the decoder can tell a partition change by comparing bytes and
 * the Parquet writer can write the entity columns without encoding strings per row.
 */
final class ArchivePartition implements StructLike {
  private static final long MICROS_PER_DAY = 86_400_000_000L;

  private final int day;
  private final byte[] space;
  private final byte[] name;
  private final byte[] version;
  private final Object[] values;
  private final Binary spaceBinary;
  private final Binary nameBinary;
  private final Binary versionBinary;

  ArchivePartition(int day, byte[] space, byte[] name, byte[] version) {
    this.day = day;
    this.space = space;
    this.name = name;
    this.version = version;
    this.values = new Object[] {
        day,
        new String(space, StandardCharsets.UTF_8),
        new String(name, StandardCharsets.UTF_8),
        new String(version, StandardCharsets.UTF_8)};
    this.spaceBinary = Binary.fromConstantByteArray(space);
    this.nameBinary = Binary.fromConstantByteArray(name);
    this.versionBinary = Binary.fromConstantByteArray(version);
  }

  /** Iceberg's day transform: whole days since 1970-01-01 UTC, rounded down (also before 1970). */
  static int day(long micros) {
    return Math.toIntExact(Math.floorDiv(micros, MICROS_PER_DAY));
  }

  int day() {
    return day;
  }

  boolean sameEntity(byte[] otherSpace, byte[] otherName, byte[] otherVersion) {
    return Arrays.equals(space, otherSpace) && Arrays.equals(name, otherName) && Arrays.equals(version, otherVersion);
  }

  byte[] spaceBytes() {
    return space;
  }

  byte[] nameBytes() {
    return name;
  }

  byte[] versionBytes() {
    return version;
  }

  Binary spaceBinary() {
    return spaceBinary;
  }

  Binary nameBinary() {
    return nameBinary;
  }

  Binary versionBinary() {
    return versionBinary;
  }

  @Override
  public int size() {
    return values.length;
  }

  @Override
  public <T> T get(int pos, Class<T> javaClass) {
    return javaClass.cast(values[pos]);
  }

  @Override
  public <T> void set(int pos, T value) {
    throw new UnsupportedOperationException("Cannot modify an archive partition");
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ArchivePartition that
        && day == that.day
        && Arrays.equals(space, that.space)
        && Arrays.equals(name, that.name)
        && Arrays.equals(version, that.version);
  }

  @Override
  public int hashCode() {
    return Objects.hash(day, Arrays.hashCode(space), Arrays.hashCode(name), Arrays.hashCode(version));
  }

  @Override
  public String toString() {
    return "day=" + day + "/space=" + values[1] + "/name=" + values[2] + "/version=" + values[3];
  }
}
