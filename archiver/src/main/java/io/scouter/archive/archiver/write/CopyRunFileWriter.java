package io.scouter.archive.archiver.write;

import io.scouter.archive.archiver.run.ClaimedRun;
import io.scouter.archive.archiver.run.RunFileWriter;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;

/** The archiver's writer: a run's claimed rows, streamed by binary COPY into the table's Parquet files. */
public final class CopyRunFileWriter implements RunFileWriter {
  private final DataSource dataSource;

  public CopyRunFileWriter(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public List<DataFile> write(Table table, ClaimedRun run) throws IOException {
    try (Connection connection = dataSource.getConnection()) {
      ArchiveWriteResult result = new DriftArchiveWriter(table, run.type())
          .write(connection, RowSelection.archiveRun(run.id()));
      if (result.rowCount() != run.rows()) {
        throw new IllegalStateException("Cannot archive run " + run.id() + ": it claimed " + run.rows()
            + " rows but " + result.rowCount() + " were copied");
      }
      return result.dataFiles();
    } catch (SQLException e) {
      throw new IOException("Cannot copy the rows of archive run " + run.id() + ": " + e.getMessage(), e);
    }
  }
}
