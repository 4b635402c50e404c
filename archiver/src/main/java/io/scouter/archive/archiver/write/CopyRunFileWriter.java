package io.scouter.archive.archiver.write;

import io.scouter.archive.archiver.run.ArchiveRun;
import io.scouter.archive.archiver.run.RunFileWriter;
import io.scouter.archive.archiver.run.RunFiles;
import io.scouter.archive.archiver.run.UncommittedFiles;
import io.scouter.archive.archiver.run.RunPlan;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;

/**
 * The archiver's writer: each slice of a run's plan streamed by binary COPY, in the run's snapshot,
 * into the table's Parquet files. The slices cover disjoint rows (newly expired days; late arrivals
 * below the old cutoff), each clustered by partition on its own, so each gets its own writer.
 */
public final class CopyRunFileWriter implements RunFileWriter {
  @Override
  public RunFiles write(Table table, ArchiveRun run, RunPlan plan, Connection snapshot) throws IOException {
    List<DataFile> files = new ArrayList<>();
    long rows = 0;
    Optional<Instant> min = Optional.empty();
    Optional<Instant> max = Optional.empty();
    try {
      DriftArchiveWriter writer = new DriftArchiveWriter(table, run.type());
      for (int i = 0; i < plan.slices().size(); i++) {
        RunFiles result = writer.write(snapshot,
            RowSelection.where(plan.slices().get(i), "run-" + run.id() + "-" + i));
        files.addAll(result.files());
        rows += result.rows();
        min = earlier(min, result.minCreatedAt());
        max = later(max, result.maxCreatedAt());
      }
      if (rows != plan.rows()) {
        throw new IllegalStateException("Cannot archive run " + run.id() + ": its snapshot holds " + plan.rows()
            + " rows to copy but " + rows + " were copied");
      }
      return new RunFiles(files, rows, min, max);
    } catch (SQLException | RuntimeException e) {
      UncommittedFiles.deleteQuietly(table.io(), files.stream().map(DataFile::location).toList());
      if (e instanceof SQLException) {
        throw new IOException("Cannot copy the rows of archive run " + run.id() + ": " + e.getMessage(), e);
      }
      throw (RuntimeException) e;
    }
  }

  private static Optional<Instant> earlier(Optional<Instant> a, Optional<Instant> b) {
    return a.isEmpty() ? b : b.isEmpty() || a.get().isBefore(b.get()) ? a : b;
  }

  private static Optional<Instant> later(Optional<Instant> a, Optional<Instant> b) {
    return a.isEmpty() ? b : b.isEmpty() || a.get().isAfter(b.get()) ? a : b;
  }
}
