package io.scouter.archive.archiver.write;

import io.scouter.archive.archiver.run.RunFiles;
import io.scouter.archive.archiver.run.UncommittedFiles;
import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.catalog.iceberg.SameThreadExecutorService;
import io.scouter.archive.archiver.watermark.ArchiveWatermark;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.postgresql.PGConnection;

/**
 * The archiver's read and write path on every row older than a cutoff, without a run around it:
 * the reference points the benchmark sets beside a real pass (the bare binary COPY with its bytes
 * discarded, and COPY decoded into Parquet files that nothing commits), and a write committed into
 * a scratch table, which warms the benchmark's JVM up the way earlier passes warm a service. The
 * statement, the order and the writer stay package-private; only these measurements are public.
 */
public final class WriteReference {
  private WriteReference() {}

  /** Runs the archiver's {@code COPY (SELECT ...) TO STDOUT (FORMAT binary)}, every byte read and dropped. */
  public static long copyAndDiscard(Connection connection, DriftType type, Instant cutoff) throws SQLException {
    try {
      return connection.unwrap(PGConnection.class).getCopyAPI()
          .copyOut(CopyQuery.copy(type, olderThan(cutoff)), OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new SQLException("Cannot read the COPY stream of " + type.tableName() + ": " + e.getMessage(), e);
    }
  }

  /** Rows written, and the time the write took (the deletion afterwards not included). */
  public record Written(long rows, Duration elapsed) {}

  /** Writes the rows into data files of the table, then deletes them (no snapshot references them). */
  public static Written writeAndDelete(Connection connection, Table table, DriftType type, Instant cutoff)
      throws SQLException {
    long started = System.nanoTime();
    RunFiles result = new DriftArchiveWriter(table, type).write(connection, olderThan(cutoff));
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    UncommittedFiles.deleteQuietly(table.io(), result.files().stream().map(DataFile::location).toList());
    return new Written(result.rows(), elapsed);
  }

  /** Writes the rows into data files of {@code scratch} and commits them in one append, as a run commits. */
  public static Written writeAndCommit(Connection connection, Table scratch, DriftType type, Instant cutoff)
      throws SQLException {
    long started = System.nanoTime();
    RunFiles result = new DriftArchiveWriter(scratch, type).write(connection, olderThan(cutoff));
    AppendFiles append = scratch.newFastAppend().scanManifestsWith(new SameThreadExecutorService());
    result.files().forEach(append::appendFile);
    append.commit();
    return new Written(result.rows(), Duration.ofNanos(System.nanoTime() - started));
  }

  /** The cutoff is the caller's own instant, never user input: it is spliced in as a timestamptz literal. */
  private static RowSelection olderThan(Instant cutoff) {
    return RowSelection.where("created_at < " + ArchiveWatermark.literal(cutoff), "reference");
  }
}
