package io.scouter.archive.archiver.maintenance;

import java.time.Duration;

/**
 * What a maintenance pass keeps and how much it rewrites.
 *
 * @param auditWindow snapshots younger than this are never expired (as-of answers inside it stay exact)
 * @param orphanMargin files younger than this are never taken for orphans (a commit may still be on its way)
 * @param targetFileSizeBytes compaction writes files up to this size; smaller files are "small"
 * @param minSmallFiles a partition is compacted when it holds at least this many small files
 * @param manifestThreshold manifests are rewritten when a snapshot has more small data manifests than this
 */
public record MaintenanceSettings(Duration auditWindow, Duration orphanMargin, long targetFileSizeBytes,
    int minSmallFiles, int manifestThreshold) {
  public static final Duration DEFAULT_AUDIT_WINDOW = Duration.ofDays(90);
  public static final Duration DEFAULT_ORPHAN_MARGIN = Duration.ofDays(3);
  /** Below a day, a slow commit (retries over a long outage) could still be about to reference a file. */
  public static final Duration MIN_ORPHAN_MARGIN = Duration.ofDays(1);
  public static final long DEFAULT_TARGET_FILE_SIZE_BYTES = 128L * 1024 * 1024;
  public static final int DEFAULT_MIN_SMALL_FILES = 2;
  public static final int DEFAULT_MANIFEST_THRESHOLD = 16;

  public MaintenanceSettings {
    if (auditWindow.isNegative()) {
      throw new IllegalArgumentException("The audit window must not be negative: " + auditWindow);
    }
    if (orphanMargin.compareTo(MIN_ORPHAN_MARGIN) < 0) {
      throw new IllegalArgumentException("The orphan-file safety margin must be at least one day: " + orphanMargin);
    }
    if (targetFileSizeBytes < 1024 * 1024) {
      throw new IllegalArgumentException("The target file size must be at least 1 MiB: " + targetFileSizeBytes);
    }
    if (minSmallFiles < 2) {
      throw new IllegalArgumentException("Compaction needs at least two small files to merge: " + minSmallFiles);
    }
    if (manifestThreshold < 2) {
      throw new IllegalArgumentException("The manifest threshold must be at least 2: " + manifestThreshold);
    }
  }

  public static MaintenanceSettings defaults() {
    return new MaintenanceSettings(DEFAULT_AUDIT_WINDOW, DEFAULT_ORPHAN_MARGIN, DEFAULT_TARGET_FILE_SIZE_BYTES,
        DEFAULT_MIN_SMALL_FILES, DEFAULT_MANIFEST_THRESHOLD);
  }

  public MaintenanceSettings withAuditWindow(Duration window) {
    return new MaintenanceSettings(window, orphanMargin, targetFileSizeBytes, minSmallFiles, manifestThreshold);
  }
}
