package io.scouter.archive.archiver.run;

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
 */
final class RunSnapshot implements AutoCloseable {
  private final Connection connection;
  private final String snapshot;

  private RunSnapshot(Connection connection, String snapshot) {
    this.connection = connection;
    this.snapshot = snapshot;
  }

  static RunSnapshot open(DataSource dataSource) throws SQLException {
    Connection connection = dataSource.getConnection();
    try {
      connection.setAutoCommit(false);
      connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      connection.setReadOnly(true);
      // The first statement of the transaction takes its snapshot.
      try (Statement statement = connection.createStatement();
          ResultSet row = statement.executeQuery("SELECT pg_current_snapshot()::text")) {
        row.next();
        return new RunSnapshot(connection, row.getString(1));
      }
    } catch (SQLException | RuntimeException e) {
      closeQuietly(connection, e);
      throw e;
    }
  }

  Connection connection() {
    return connection;
  }

  /** {@code xmin:xmax:xip} of the transaction's snapshot. */
  String snapshot() {
    return snapshot;
  }

  @Override
  public void close() throws SQLException {
    try {
      connection.rollback();
      connection.setAutoCommit(true);
    } finally {
      connection.close();
    }
  }

  private static void closeQuietly(Connection connection, Exception failure) {
    try {
      connection.close();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }
}
