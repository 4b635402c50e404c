package io.scouter.archive.archiver.run;

import io.scouter.archive.catalog.hotstore.ArchiveWatermark;
import java.util.List;

/**
 * What one run copies, decided inside the run's snapshot: the watermark it moves to, and the rows
 * between the old watermark and that one as SQL predicates over the hot table ({@code slices}: the
 * newly expired time range, and late arrivals below the old cutoff), with their exact count in
 * that snapshot.
 */
public record RunPlan(ArchiveWatermark target, List<String> slices, long rows) {
  public RunPlan {
    slices = List.copyOf(slices);
  }
}
