package io.scouter.archive.bench;

import io.scouter.archive.archiver.write.WriteReference;
import io.scouter.archive.catalog.drift.DriftType;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.apache.iceberg.Table;

/**
 * The two reference points under an archive run, on the rows a first run would copy (everything
 * older than the cutoff: the benchmark's tables hold nothing archived yet), read with the
 * archiver's own COPY statement and order:
 * the bare binary COPY with its bytes discarded (the read-side limit), and the archiver's write path
 * (COPY decoded into Parquet data files) without plan, commit or finish; its files are deleted.
 */
final class CopyThroughput {
  private final DataSource dataSource;
  private final CpuMeter cpu;

  CopyThroughput(DataSource dataSource, CpuMeter cpu) {
    this.dataSource = dataSource;
    this.cpu = cpu;
  }

  /** Rows, wall time, and the CPU time behind it. */
  record Timed(long rows, Duration elapsed, CpuMeter.CpuTime cpu) {}

  /** {@code COPY (SELECT ...) TO STDOUT (FORMAT binary)}, every byte read and dropped. */
  Timed rawCopy(DriftType type, Instant cutoff) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      CpuMeter.Reading start = cpu.read();
      long rows = WriteReference.copyAndDiscard(connection, type, cutoff);
      CpuMeter.CpuTime used = cpu.since(start);
      return new Timed(rows, used.wall(), used);
    }
  }

  /** The archiver's writer over the same rows, into files that no snapshot will reference. */
  Timed writeWithoutCommit(Table table, DriftType type, Instant cutoff) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      CpuMeter.Reading start = cpu.read();
      WriteReference.Written written = WriteReference.writeAndDelete(connection, table, type, cutoff);
      // The CPU includes deleting the files afterwards, a few milliseconds.
      return new Timed(written.rows(), written.elapsed(), cpu.since(start));
    }
  }
}
