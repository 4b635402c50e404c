package io.scouter.archive.archiver.maintenance;

import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.util.PropertyUtil;

/**
 * Merges a table's small data manifests, clustered by day, when there are more than the threshold
 * ({@code table.rewriteManifests()}): every hourly run adds one manifest, and planning reads them
 * all, so after years of runs planning would slow down. Iceberg validates the commit against
 * concurrent appends (their manifests are kept as they are).
 */
public final class ManifestRewrite implements MaintenanceStep {
  public static final String NAME = "manifest-rewrite";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public StepOutcome run(MaintenanceContext context) {
    Table table = context.table();
    table.refresh();
    Snapshot current = table.currentSnapshot();
    if (current == null) {
      return StepOutcome.NOTHING;
    }
    long small = PropertyUtil.propertyAsLong(table.properties(), TableProperties.MANIFEST_TARGET_SIZE_BYTES,
        TableProperties.MANIFEST_TARGET_SIZE_BYTES_DEFAULT);
    List<ManifestFile> smallManifests = current.dataManifests(table.io()).stream()
        .filter(manifest -> manifest.length() < small)
        .toList();
    if (smallManifests.size() <= context.settings().manifestThreshold()) {
      return StepOutcome.of(null, "manifests_rewritten", 0);
    }
    context.reached(MaintenancePoint.BEFORE_MANIFEST_REWRITE);
    table.rewriteManifests()
        .clusterBy(ManifestRewrite::day)
        .rewriteIf(manifest -> manifest.length() < small)
        .set(MaintenanceContext.PASS_ID, context.passId().toString())
        .set(MaintenanceContext.STEP, NAME)
        .commit();
    Long snapshotId = MaintenanceSnapshots.committedBy(table, context.passId(), NAME)
        .map(Snapshot::snapshotId)
        .orElse(null);
    return StepOutcome.of(snapshotId, "manifests_rewritten", smallManifests.size());
  }

  /** The first partition field of every drift table's spec is the day (DriftTableDefinition). */
  private static Object day(DataFile file) {
    return file.specId() + ":" + file.partition().get(0, Object.class);
  }
}
