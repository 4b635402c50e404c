package io.scouter.archive.archiver.maintenance;

import java.util.LinkedHashMap;
import java.util.Map;

/** What one step did: named counts (files rewritten, snapshots expired, …) and a committed snapshot, if any. */
public record StepOutcome(Map<String, Long> counts, Long committedSnapshotId) {
  public static final StepOutcome NOTHING = new StepOutcome(Map.of(), null);

  public static StepOutcome of(Long committedSnapshotId, Object... namesAndCounts) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (int i = 0; i < namesAndCounts.length; i += 2) {
      counts.put((String) namesAndCounts[i], ((Number) namesAndCounts[i + 1]).longValue());
    }
    return new StepOutcome(Map.copyOf(counts), committedSnapshotId);
  }

  public long count(String name) {
    return counts.getOrDefault(name, 0L);
  }
}
