package io.scouter.archive.bench;

import io.scouter.archive.archiver.write.WriteReference;
import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.catalog.iceberg.ArchiveCatalog;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Warms the JVM up before the write figures, as the passes before it warm a service that archives
 * every hour: untimed writes of every table (files deleted), then one write of each committed into
 * a scratch table that is dropped at once. Without it the first table measured pays for loading
 * and compiling the writer and the commit (in the 01:23 run spc_drift, measured first, ran at 0.27×
 * the COPY rate and its commit took 0.21 s against 0.05 s for the tables after it).
 */
final class WriterWarmup {
  static final int ROUNDS = 3;

  private final DataSource dataSource;
  private final ArchiveCatalog catalog;
  private final CopyThroughput reference;

  WriterWarmup(DataSource dataSource, ArchiveCatalog catalog, CopyThroughput reference) {
    this.dataSource = dataSource;
    this.catalog = catalog;
    this.reference = reference;
  }

  void run(Instant cutoff) throws SQLException {
    for (int round = 0; round < ROUNDS; round++) {
      for (DriftType type : DriftType.values()) {
        reference.writeWithoutCommit(catalog.table(type), type, cutoff);
      }
    }
    for (DriftType type : DriftType.values()) {
      commitIntoScratch(type, cutoff);
    }
  }

  private void commitIntoScratch(DriftType type, Instant cutoff) throws SQLException {
    try (ScratchTable scratch = ScratchTable.create(catalog, type, "bench_warmup_" + type.tableName());
        Connection connection = dataSource.getConnection()) {
      WriteReference.writeAndCommit(connection, scratch.table(), type, cutoff);
    }
  }
}
