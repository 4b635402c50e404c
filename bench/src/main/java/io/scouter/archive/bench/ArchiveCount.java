package io.scouter.archive.bench;

import io.scouter.archive.api.core.ArchiveService;
import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.archiver.watermark.ArchiveState;
import io.scouter.archive.archiver.watermark.ArchiveWatermark;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;

/**
 * The two sides of the archive invariant for SPC rows: hot rows the watermark leaves unarchived, and the rows of
 * the Iceberg table at the snapshot {@code archive_state} names. Their sum must equal what was
 * ingested: no row lost, none counted twice.
 */
record ArchiveCount(long hotUnarchived, long archived, long deleteFiles) {
  static ArchiveCount of(ArchiveService archive) throws Exception {
    long hot;
    Optional<ArchiveState> state;
    try (Connection connection = archive.hotStore().dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      state = ArchiveState.read(connection, DriftType.SPC);
      // "Archived" is the watermark of archive_state (a cutoff and a transaction snapshot), not a column.
      ArchiveWatermark watermark = state.map(ArchiveState::watermark).orElse(ArchiveWatermark.NONE);
      hot = single(statement, "SELECT count(*) FROM " + DriftType.SPC.qualifiedTableName() + " WHERE "
          + watermark.unarchivedSql());
    }
    long rows = 0;
    long deletes = 0;
    if (state.isPresent() && state.get().snapshotId() > 0) {
      Table table = archive.catalog().tables().get(DriftType.SPC);
      try (CloseableIterable<FileScanTask> tasks = table.newScan().useSnapshot(state.get().snapshotId()).planFiles()) {
        for (FileScanTask task : tasks) {
          rows += task.file().recordCount();
          deletes += task.deletes().size();
        }
      }
    }
    return new ArchiveCount(hot, rows, deletes);
  }

  private static long single(Statement statement, String sql) throws SQLException {
    try (ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getLong(1);
    }
  }
}
