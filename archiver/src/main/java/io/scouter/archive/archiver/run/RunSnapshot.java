package io.scouter.archive.archiver.run;

import io.scouter.archive.catalog.hotstore.SnapshotTransaction;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * A read-only REPEATABLE READ transaction whose snapshot defines a run: the run copies the rows
 * this snapshot sees, and records the snapshot ({@code pg_current_snapshot()}, which in REPEATABLE
 * READ is the transaction's own) in its watermark. A row inserted by a transaction the snapshot
 * does not see, however old its created_at, is therefore neither copied nor covered: the next run
 * takes it. Nothing is locked or written, so ingestion never waits for the archiver.
 *
 * <p>A writer that copies on several connections at once opens each extra one with {@link #share()}:
 * PostgreSQL's exported snapshot makes it see exactly what this transaction sees.
 */
public final class RunSnapshot implements AutoCloseable {
  private final DataSource dataSource;
  private final SnapshotTransaction transaction;
  private final String snapshot;
  private String exported;

  private RunSnapshot(DataSource dataSource, SnapshotTransaction transaction, String snapshot) {
    this.dataSource = dataSource;
    this.transaction = transaction;
    this.snapshot = snapshot;
  }

  static RunSnapshot open(DataSource dataSource) throws SQLException {
    SnapshotTransaction transaction = SnapshotTransaction.open(dataSource);
    // The first statement of the transaction takes its snapshot.
    try (Statement statement = transaction.connection().createStatement();
        ResultSet row = statement.executeQuery("SELECT pg_current_snapshot()::text")) {
      row.next();
      return new RunSnapshot(dataSource, transaction, row.getString(1));
    } catch (SQLException | RuntimeException e) {
      transaction.closeAfter(e);
      throw e;
    }
  }

  /** The run's own connection; only the thread that runs the run uses it. */
  public Connection connection() {
    return transaction.connection();
  }

  /**
   * Another read-only transaction, on a pooled connection of its own, in exactly this snapshot; the
   * caller closes it, before this one closes. Called on the run's thread (it uses the run's
   * connection once, to export the snapshot); the transaction it returns may go to any thread.
   */
  public SnapshotTransaction share() throws SQLException {
    if (exported == null) {
      exported = transaction.exportSnapshot();
    }
    return SnapshotTransaction.sharing(dataSource, exported);
  }

  /** {@code xmin:xmax:xip} of the transaction's snapshot. */
  String snapshot() {
    return snapshot;
  }

  @Override
  public void close() throws SQLException {
    transaction.close();
  }
}
