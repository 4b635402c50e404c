package io.scouter.archive.bench;

import io.scouter.archive.catalog.drift.DriftRecord;
import io.scouter.archive.catalog.drift.DriftType;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Loads generated rows into the hot tables with {@code COPY ... FROM STDIN}, the fastest way in;
 * loading speed is not a figure of the benchmark. Rows land exactly as ingestion would store them
 * (nothing archived yet).
 */
final class HotTableLoader {
  private static final int BUFFER_BYTES = 1 << 16;

  private final DataSource dataSource;

  HotTableLoader(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Loads one type's rows for entities {@code [first, first + count)}; returns the rows stored. */
  long load(DriftDataGenerator generator, DriftType type, int first, int count) throws SQLException, IOException {
    String sql = "COPY " + type.qualifiedTableName() + " (" + String.join(", ", type.columnNames()) + ") FROM STDIN";
    try (Connection connection = dataSource.getConnection()) {
      PGCopyOutputStream copy = new PGCopyOutputStream(connection.unwrap(PGConnection.class), sql, BUFFER_BYTES);
      try {
        Writer out = new BufferedWriter(new OutputStreamWriter(copy, StandardCharsets.UTF_8), BUFFER_BYTES);
        TextRows rows = new TextRows(out);
        generator.generate(type, first, count, rows::write);
        out.flush();
        return copy.endCopy();
      } catch (UncheckedIOException e) {
        throw e.getCause();
      } finally {
        if (copy.isActive()) {
          copy.cancelCopy();
        }
      }
    }
  }

  /**
   * What autovacuum and the checkpointer would have done by the time these rows are read, 60 days
   * after they were written: visibility map, statistics, and the pages on disk. Without the
   * checkpoint, the one the bulk load's WAL calls for runs whenever it falls due, competing for the
   * two cores with whichever figure happens to be measured then.
   */
  void vacuumAnalyze() throws SQLException {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      for (DriftType type : DriftType.values()) {
        statement.execute("VACUUM (ANALYZE) " + type.qualifiedTableName());
      }
      try {
        statement.execute("CHECKPOINT");
      } catch (SQLException e) { // a server of its own may not grant it (pg_checkpoint): measure anyway
        System.err.println("No CHECKPOINT after loading (" + e.getMessage().strip()
            + "): a checkpoint may fall due during a measurement");
      }
    }
  }

  /** COPY text format: tab-separated; the generated names hold no characters that need escaping. */
  private static final class TextRows {
    private final Writer out;
    private Instant lastCreatedAt;
    private String lastCreatedAtText;

    TextRows(Writer out) {
      this.out = out;
    }

    void write(DriftRecord record) {
      try {
        if (!record.createdAt().equals(lastCreatedAt)) {
          lastCreatedAt = record.createdAt();
          lastCreatedAtText = lastCreatedAt.toString();
        }
        out.write(lastCreatedAtText);
        out.write('\t');
        out.write(record.space());
        out.write('\t');
        out.write(record.name());
        out.write('\t');
        out.write(record.version());
        out.write('\t');
        out.write(record.series());
        out.write('\t');
        if (record instanceof DriftRecord.Psi psi) {
          out.write(Integer.toString(psi.binId()));
          out.write('\t');
          out.write(Integer.toString(psi.binCount()));
        } else {
          out.write(Double.toString(record instanceof DriftRecord.Spc spc ? spc.value()
              : ((DriftRecord.Custom) record).value()));
        }
        out.write('\n');
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
