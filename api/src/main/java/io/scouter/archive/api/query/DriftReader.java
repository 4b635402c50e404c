package io.scouter.archive.api.query;

import io.scouter.archive.api.ingest.RecordLimits;
import io.scouter.archive.api.metrics.SeriesBinCounts;
import io.scouter.archive.api.metrics.SeriesMoments;
import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.catalog.hotstore.SnapshotTransaction;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Answers a {@link DriftQuery} from a consistent cut of both stores: one read-only REPEATABLE READ
 * transaction reads the archive state and aggregates the hot rows that are not archived; the
 * Iceberg scan then reads exactly the snapshot that transaction saw. An archive run finishing
 * meanwhile moves rows from one side to the other in a single commit, which this cut sees either
 * wholly before or wholly after, so every row counts exactly once. The scan is skipped when the
 * cut says the archive cannot hold rows of the window.
 */
public final class DriftReader {
  private final DataSource dataSource;
  private final ArchiveScanner archive;

  public DriftReader(DataSource dataSource, ArchiveScanner archive) {
    this.dataSource = dataSource;
    this.archive = archive;
  }

  /** The merged moments of an SPC or custom query. */
  public SeriesMoments moments(DriftQuery query) throws SQLException {
    requireType(query, DriftType.SPC, DriftType.CUSTOM);
    SeriesMoments moments = new SeriesMoments(query.binning());
    if (!isStorable(query)) {
      return moments;
    }
    ArchiveCut cut = hot(query, (connection, hotCut) -> HotAggregates.moments(connection, hotCut, query, moments));
    if (cut.mayHoldRowsIn(query.window())) {
      archive.moments(query, cut.snapshotId().getAsLong(), moments);
    }
    return moments;
  }

  /** The merged bin counts of a PSI query. */
  public SeriesBinCounts binCounts(DriftQuery query) throws SQLException {
    requireType(query, DriftType.PSI, DriftType.PSI);
    SeriesBinCounts counts = new SeriesBinCounts(query.binning());
    if (!isStorable(query)) {
      return counts;
    }
    ArchiveCut cut = hot(query, (connection, hotCut) -> HotAggregates.binCounts(connection, hotCut, query, counts));
    if (cut.mayHoldRowsIn(query.window())) {
      archive.binCounts(query, cut.snapshotId().getAsLong(), counts);
    }
    return counts;
  }

  /**
   * The moments of an SPC or custom query over the archive exactly as it was at {@code snapshotId}
   * (an as-of answer): hot rows have no history, so none are read. The answer depends only on the
   * snapshot's files, which never change.
   */
  public SeriesMoments archivedMoments(DriftQuery query, long snapshotId) {
    requireType(query, DriftType.SPC, DriftType.CUSTOM);
    SeriesMoments moments = new SeriesMoments(query.binning());
    if (isStorable(query)) {
      archive.moments(query, snapshotId, moments);
    }
    return moments;
  }

  /** The bin counts of a PSI query over the archive exactly as it was at {@code snapshotId}. */
  public SeriesBinCounts archivedBinCounts(DriftQuery query, long snapshotId) {
    requireType(query, DriftType.PSI, DriftType.PSI);
    SeriesBinCounts counts = new SeriesBinCounts(query.binning());
    if (isStorable(query)) {
      archive.binCounts(query, snapshotId, counts);
    }
    return counts;
  }

  private ArchiveCut hot(DriftQuery query, HotRead read) throws SQLException {
    try (SnapshotTransaction transaction = SnapshotTransaction.open(dataSource)) {
      Connection connection = transaction.connection();
      HotAggregates.begin(connection);
      ArchiveCut cut = HotAggregates.readCut(connection, query.type());
      read.run(connection, cut);
      return cut;
    }
  }

  /**
   * Whether rows of this entity can exist at all: ingestion refuses names over
   * {@link RecordLimits#MAX_NAME_BYTES} or holding NUL (which PostgreSQL text cannot store, and
   * would refuse even as a parameter), so such an entity is simply unknown.
   */
  private static boolean isStorable(DriftQuery query) {
    return Stream.of(query.space(), query.name(), query.version()).allMatch(RecordLimits::mayBeStored);
  }

  private static void requireType(DriftQuery query, DriftType one, DriftType other) {
    if (query.type() != one && query.type() != other) {
      throw new IllegalArgumentException("Invalid query type: " + query.type() + " (expected " + one + " or "
          + other + ")");
    }
  }

  @FunctionalInterface
  private interface HotRead {
    void run(Connection connection, ArchiveCut cut) throws SQLException;
  }
}
