package io.scouter.archive.bench;

import io.scouter.archive.archiver.run.RunFiles;
import io.scouter.archive.archiver.write.CopyQuery;
import io.scouter.archive.archiver.write.DriftArchiveWriter;
import io.scouter.archive.archiver.write.RowSelection;
import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.catalog.hotstore.ArchiveWatermark;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.postgresql.PGConnection;

/**
 * The two reference points under an archive run, on the rows a first run would copy (everything
 * older than the cutoff: the benchmark's tables hold nothing archived yet), read with the
 * archiver's own COPY statement and order:
 * the bare binary COPY with its bytes discarded (the read-side limit), and the archiver's write path
 * (COPY decoded into Parquet data files) without plan, commit or finish; its files are deleted.
 */
final class CopyThroughput {
  private final DataSource dataSource;

  CopyThroughput(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  record Timed(long rows, Duration elapsed) {}

  /** {@code COPY (SELECT ...) TO STDOUT (FORMAT binary)}, every byte read and dropped. */
  Timed rawCopy(DriftType type, Instant cutoff) throws SQLException {
    String sql = CopyQuery.copy(type, expired(cutoff));
    try (Connection connection = dataSource.getConnection()) {
      long started = System.nanoTime();
      long rows = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(sql, OutputStream.nullOutputStream());
      return new Timed(rows, Duration.ofNanos(System.nanoTime() - started));
    } catch (IOException e) {
      throw new SQLException("Cannot read the COPY stream of " + type.tableName() + ": " + e.getMessage(), e);
    }
  }

  /** The archiver's writer over the same rows, into files that no snapshot will reference. */
  Timed writeWithoutCommit(Table table, DriftType type, Instant cutoff) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      long started = System.nanoTime();
      RunFiles result = new DriftArchiveWriter(table, type).write(connection, expired(cutoff));
      Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
      for (DataFile file : result.files()) {
        table.io().deleteFile(file.location());
      }
      return new Timed(result.rows(), elapsed);
    }
  }

  /** What a first run copies: the cutoff is a constant of ours, never user input. */
  private static RowSelection expired(Instant cutoff) {
    return RowSelection.where("created_at < " + ArchiveWatermark.literal(cutoff), "bench-reference");
  }
}
