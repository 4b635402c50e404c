package io.scouter.archive.catalog.hotstore;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A read-only REPEATABLE READ transaction on a pooled connection: every statement in it sees the
 * snapshot its first statement took. Readers take the archive state and the hot rows in one such
 * snapshot; an archive run copies what its snapshot sees. Closing rolls back (nothing was written),
 * restores the connection's settings and returns it to the pool.
 */
public final class SnapshotTransaction implements AutoCloseable {
  private final Connection connection;
  private final boolean autoCommit;
  private final int isolation;

  private SnapshotTransaction(Connection connection, boolean autoCommit, int isolation) {
    this.connection = connection;
    this.autoCommit = autoCommit;
    this.isolation = isolation;
  }

  public static SnapshotTransaction open(DataSource dataSource) throws SQLException {
    Connection connection = dataSource.getConnection();
    try {
      boolean autoCommit = connection.getAutoCommit();
      int isolation = connection.getTransactionIsolation();
      connection.setAutoCommit(false);
      connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      connection.setReadOnly(true);
      return new SnapshotTransaction(connection, autoCommit, isolation);
    } catch (SQLException | RuntimeException e) {
      try {
        connection.close();
      } catch (SQLException closeFailure) {
        e.addSuppressed(closeFailure);
      }
      throw e;
    }
  }

  public Connection connection() {
    return connection;
  }

  @Override
  public void close() throws SQLException {
    try {
      connection.rollback();
      connection.setReadOnly(false);
      connection.setTransactionIsolation(isolation);
      connection.setAutoCommit(autoCommit);
    } finally {
      connection.close();
    }
  }
}
