package io.scouter.archive.archiver.write;

import io.scouter.archive.catalog.drift.DriftType;
import java.sql.SQLException;
import java.util.List;

/**
 * Turns the tuples of a binary COPY of one drift table ({@link CopyQuery}'s column order) into
 * {@link ArchiveRow}s, and notices partition changes by comparing bytes, so that neither the
 * partition key nor the entity strings are rebuilt for rows of the partition already open.
 */
final class ArchiveRowReader {
  private static final int CREATED_AT = 0;
  private static final int SPACE = 1;
  private static final int NAME = 2;
  private static final int VERSION = 3;
  private static final int SERIES = 4;
  private static final int PAYLOAD = 5;
  /** Series values remembered across partitions; a partition change past this starts over. */
  private static final int MAX_INTERNED_SERIES = 4096;

  private final PgBinaryCopyDecoder decoder;
  private final List<String> columnNames;
  private final boolean binned;
  private final SeriesInterner series = new SeriesInterner();
  private ArchivePartition partition;

  ArchiveRowReader(DriftType type, CopyChunkSource source) {
    this.columnNames = type.columnNames();
    this.decoder = new PgBinaryCopyDecoder(source, columnNames.size());
    this.binned = type == DriftType.PSI;
  }

  /**
   * Reads the next row into {@code row}; returns {@code false} at the end of the stream. The row's
   * entity fields are set only when the partition changes: compare {@link #partition()} by identity.
   * Series ids stay valid within a partition.
   */
  boolean next(ArchiveRow row) throws SQLException {
    if (!decoder.next()) {
      return false;
    }
    requireNoNulls();
    long micros = decoder.timestampMicros(CREATED_AT);
    int day = ArchivePartition.day(micros);
    if (partition == null
        || day != partition.day()
        || !decoder.textEquals(SPACE, partition.spaceBytes())
        || !decoder.textEquals(NAME, partition.nameBytes())
        || !decoder.textEquals(VERSION, partition.versionBytes())) {
      partition = new ArchivePartition(
          day, decoder.textBytes(SPACE), decoder.textBytes(NAME), decoder.textBytes(VERSION));
      row.partition(partition);
      series.clearIfLargerThan(MAX_INTERNED_SERIES);
    }
    int seriesId = series.intern(decoder.buffer(), decoder.offset(SERIES), decoder.length(SERIES));
    row.createdAtMicros = micros;
    row.seriesId = seriesId;
    row.series = series.binary(seriesId);
    if (binned) {
      row.binId = decoder.int32(PAYLOAD);
      row.binCount = decoder.int32(PAYLOAD + 1);
    } else {
      row.value = decoder.float8(PAYLOAD);
    }
    return true;
  }

  /** The partition of the row read last; a new instance exactly when the partition changed. */
  ArchivePartition partition() {
    return partition;
  }

  long rows() {
    return decoder.tuples();
  }

  private void requireNoNulls() {
    for (int field = 0; field < columnNames.size(); field++) {
      if (decoder.length(field) < 0) {
        throw new IllegalStateException(
            "Cannot archive row " + decoder.tuples() + ": column " + columnNames.get(field) + " is NULL");
      }
    }
  }
}
