package io.scouter.archive.archiver.run;

import io.scouter.archive.archiver.watermark.ArchiveWatermark;
import java.util.List;

/**
 * What one run copies, decided inside the run's snapshot: the watermark it moves to, and the rows
 * between the old watermark and that one as SQL predicates over the hot table ({@code slices}: the
 * newly expired time range, and late arrivals below the old cutoff), with their exact count in
 * that snapshot. {@code duplicatesDropped} late rows are under the new watermark but left out of the
 * slices, because the archive already holds their keys ({@link LateDuplicateFinder}).
 */
public record RunPlan(ArchiveWatermark target, List<String> slices, long rows, long duplicatesDropped) {
  public RunPlan(ArchiveWatermark target, List<String> slices, long rows) {
    this(target, slices, rows, 0);
  }

  public RunPlan {
    slices = List.copyOf(slices);
  }
}
