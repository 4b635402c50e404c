package io.scouter.archive.archiver.maintenance;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.RewriteFiles;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.OutputFileFactory;

/**
 * Rewrites each partition (day × entity) that holds several small data files into as few files as
 * the target size allows, sorted as the archiver writes them, in one {@code RewriteFiles} commit
 * per table. Iceberg core has no Spark-free rewrite action ({@code RewriteDataFiles} is implemented
 * only in the Spark and Flink modules), so planning, merging and committing are built here on the
 * core API.
 *
 * <p>The commit is validated from the snapshot the plan was made on: a concurrent archive append
 * adds other files and commutes with it (Iceberg re-applies the rewrite on top); a concurrent
 * rewrite or delete of the same files fails it, so no row is ever lost or duplicated. Files it wrote
 * are deleted when the commit certainly failed and kept (for orphan cleanup) when its outcome is
 * unknown. A compaction snapshot carries no archive run, so the archiver's run chain walks past it.
 */
public final class Compaction implements MaintenanceStep {
  public static final String NAME = "compaction";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public StepOutcome run(MaintenanceContext context) throws IOException {
    Table table = context.table();
    table.refresh();
    Snapshot start = table.currentSnapshot();
    if (start == null) {
      return StepOutcome.NOTHING;
    }
    long target = context.settings().targetFileSizeBytes();
    List<List<DataFile>> groups = plan(table, start, target, context.settings().minSmallFiles());
    if (groups.isEmpty()) {
      return StepOutcome.of(null, "partitions", 0, "files_rewritten", 0, "files_written", 0);
    }
    List<DataFile> written = new ArrayList<>();
    List<DataFile> rewritten = new ArrayList<>();
    try {
      OutputFileFactory files = OutputFileFactory.builderFor(table, 0, 0)
          .format(FileFormat.PARQUET)
          .operationId("compaction-" + context.passId())
          .build();
      PartitionMerge merge = new PartitionMerge(table);
      for (List<DataFile> group : groups) {
        DataFile first = group.get(0);
        PartitionSpec spec = table.specs().get(first.specId());
        written.addAll(merge.merge(spec, first.partition(), group, target, files));
        rewritten.addAll(group);
      }
      context.reached(MaintenancePoint.COMPACTION_WRITTEN);
    } catch (RuntimeException e) {
      FileDeletion.quietly(table.io(), written.stream().map(DataFile::location).toList());
      throw e;
    }
    long snapshotId = commit(context, start, rewritten, written);
    context.reached(MaintenancePoint.COMPACTION_COMMITTED);
    return StepOutcome.of(snapshotId, "partitions", groups.size(), "files_rewritten", rewritten.size(),
        "files_written", written.size(),
        "bytes_rewritten", rewritten.stream().mapToLong(DataFile::fileSizeInBytes).sum(),
        "bytes_written", written.stream().mapToLong(DataFile::fileSizeInBytes).sum());
  }

  /** The partitions with at least {@code minSmallFiles} files under the target size, each a list of those files. */
  static List<List<DataFile>> plan(Table table, Snapshot snapshot, long target, int minSmallFiles) throws IOException {
    Map<String, List<DataFile>> small = new LinkedHashMap<>();
    Map<String, Boolean> withDeletes = new LinkedHashMap<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().useSnapshot(snapshot.snapshotId()).planFiles()) {
      for (FileScanTask task : tasks) {
        DataFile file = task.file();
        String key = file.specId() + "/" + table.specs().get(file.specId()).partitionToPath(file.partition());
        if (!task.deletes().isEmpty()) {
          // Merging would have to apply the deletes; the archive writes none, so leave such partitions alone.
          withDeletes.put(key, true);
        }
        if (file.fileSizeInBytes() < target) {
          small.computeIfAbsent(key, k -> new ArrayList<>()).add(file);
        }
      }
    }
    List<List<DataFile>> groups = new ArrayList<>();
    small.forEach((key, files) -> {
      if (files.size() >= minSmallFiles && !withDeletes.containsKey(key)) {
        groups.add(files);
      }
    });
    return groups;
  }

  private static long commit(MaintenanceContext context, Snapshot start, List<DataFile> rewritten,
      List<DataFile> written) {
    Table table = context.table();
    RewriteFiles rewrite = table.newRewrite().validateFromSnapshot(start.snapshotId());
    rewritten.forEach(rewrite::deleteFile);
    written.forEach(rewrite::addFile);
    rewrite.set(MaintenanceContext.PASS_ID, context.passId().toString());
    rewrite.set(MaintenanceContext.STEP, NAME);
    try {
      context.reached(MaintenancePoint.BEFORE_COMPACTION_COMMIT);
      rewrite.commit();
    } catch (CommitStateUnknownException e) {
      // The snapshot may exist and reference the files: keep them; orphan cleanup decides later.
      throw e;
    } catch (RuntimeException e) {
      FileDeletion.quietly(table.io(), written.stream().map(DataFile::location).toList());
      throw e;
    }
    return MaintenanceSnapshots.committedBy(table, context.passId(), NAME)
        .orElseThrow(() -> new IllegalStateException("The compaction commit is not in the table's history"))
        .snapshotId();
  }
}
