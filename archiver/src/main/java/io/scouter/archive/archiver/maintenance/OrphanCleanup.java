package io.scouter.archive.archiver.maintenance;

import io.scouter.archive.archiver.run.RunSnapshots;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.io.SupportsPrefixOperations;

/**
 * Deletes files under the table's location that no retained snapshot or metadata file references
 * and that are older than the safety margin, listing them through the FileIO's prefix operations
 * (local disk, S3, GCS and Azure alike). Never deleted: a referenced file; a file younger than the
 * margin (a commit may be about to reference it); a data file of an archive run still
 * {@code pending} (its commit outcome is unknown until the archiver reconciles it; its files carry
 * the run id in their names). Runs under the table's lock, so no archive run of this instance or
 * another replica is writing meanwhile.
 */
public final class OrphanCleanup implements MaintenanceStep {
  public static final String NAME = "orphan-cleanup";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public StepOutcome run(MaintenanceContext context) throws SQLException {
    Table table = context.table();
    if (!(table.io() instanceof SupportsPrefixOperations listing)) {
      throw new IllegalStateException("Cannot look for orphan files of " + context.type().tableName() + ": its FileIO "
          + table.io().getClass().getName() + " cannot list a prefix");
    }
    List<String> pendingLabels = pendingRunLabels(context);
    table.refresh();
    ReferencedFiles referenced = ReferencedFiles.of(table);
    long youngerThan = context.now().minus(context.settings().orphanMargin()).toEpochMilli();
    long listed = 0;
    long deleted = 0;
    long bytes = 0;
    String prefix = table.location().endsWith("/") ? table.location() : table.location() + "/";
    for (FileInfo file : listing.listPrefix(prefix)) {
      listed++;
      if (referenced.contains(file.location()) || checksumOfReferenced(file.location(), referenced)
          || file.createdAtMillis() <= 0 || file.createdAtMillis() >= youngerThan
          || pendingLabels.stream().anyMatch(label -> fileName(file.location()).contains(label))) {
        continue;
      }
      context.reached(MaintenancePoint.ORPHAN_DELETE);
      table.io().deleteFile(file.location());
      deleted++;
      bytes += file.size();
    }
    return StepOutcome.of(null, "files_listed", listed, "orphans_deleted", deleted, "orphan_bytes_deleted", bytes);
  }

  private static List<String> pendingRunLabels(MaintenanceContext context) throws SQLException {
    List<String> labels = new ArrayList<>();
    try (Connection connection = context.dataSource().getConnection();
        PreparedStatement statement = connection.prepareStatement(
            "SELECT id FROM scouter.archive_run WHERE table_name = ? AND status = 'pending'")) {
      statement.setString(1, context.type().tableName());
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          labels.add(RunSnapshots.fileLabel(row.getLong(1)));
        }
      }
    }
    return labels;
  }

  private static String fileName(String location) {
    return location.substring(location.lastIndexOf('/') + 1);
  }

  /** Hadoop's local file system writes a {@code .name.crc} beside each file: it lives as long as the file. */
  private static boolean checksumOfReferenced(String location, ReferencedFiles referenced) {
    String name = fileName(location);
    if (!name.startsWith(".") || !name.endsWith(".crc")) {
      return false;
    }
    String directory = location.substring(0, location.length() - name.length());
    return referenced.contains(directory + name.substring(1, name.length() - ".crc".length()));
  }
}
