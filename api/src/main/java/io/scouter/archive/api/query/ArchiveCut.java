package io.scouter.archive.api.query;

import io.scouter.archive.api.metrics.TimeWindow;
import io.scouter.archive.archiver.watermark.ArchiveWatermark;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * The archive side of a consistent cut, read in the same PostgreSQL transaction as the hot rows:
 * the Iceberg snapshot readers must use ({@code archive_state}), the watermark of the hot rows that
 * snapshot holds (the hot side reads the rest), and the span of {@code created_at} that finished
 * runs moved into it (kept on the same {@code archive_state} row by each run that moves it). Every
 * archived row came from a finished run, and a run's rows lie within its recorded min and max, so
 * a window outside that span cannot touch archived data.
 */
public record ArchiveCut(OptionalLong snapshotId, ArchiveWatermark watermark, Instant oldestArchived,
    Instant newestArchived) {
  /** Nothing archived yet: no state row for the table. */
  public static final ArchiveCut EMPTY = new ArchiveCut(OptionalLong.empty(), ArchiveWatermark.NONE, null, null);

  /**
   * Whether the archive may hold rows in the window. With a snapshot but no recorded span (which
   * the archiver never leaves), the answer is yes: scanning is always correct, skipping only
   * when it is provably safe.
   */
  public boolean mayHoldRowsIn(TimeWindow window) {
    if (snapshotId.isEmpty()) {
      return false;
    }
    if (oldestArchived == null || newestArchived == null) {
      return true;
    }
    return window.begin().compareTo(newestArchived) <= 0 && window.end().isAfter(oldestArchived);
  }
}
