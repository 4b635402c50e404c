package io.scouter.archive.catalog.hotstore;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * A read-only REPEATABLE READ transaction on a pooled connection: every statement in it sees the
 * snapshot its first statement took. Readers take the archive state and the hot rows in one such
 * snapshot; an archive run copies what its snapshot sees. Closing rolls back (nothing was written),
 * restores the connection's settings and returns it to the pool.
 */
public final class SnapshotTransaction implements AutoCloseable {
  /** What {@code pg_export_snapshot()} returns, e.g. {@code 00000003-0000001B-1}. */
  private static final Pattern EXPORTED_SNAPSHOT = Pattern.compile("[0-9A-Fa-f]+(-[0-9A-Fa-f]+)+");

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

  /**
   * A transaction that sees exactly the snapshot another one exported ({@link #exportSnapshot()}),
   * on a connection of its own: several connections then read one consistent state of the tables.
   * The exporting transaction must still be open.
   */
  public static SnapshotTransaction sharing(DataSource dataSource, String exportedSnapshot) throws SQLException {
    if (exportedSnapshot == null || !EXPORTED_SNAPSHOT.matcher(exportedSnapshot).matches()) {
      throw new IllegalArgumentException("Invalid exported snapshot id: " + exportedSnapshot);
    }
    SnapshotTransaction transaction = open(dataSource);
    // Must be the transaction's first statement; takes no bind parameter, hence the check above.
    try (Statement statement = transaction.connection().createStatement()) {
      statement.execute("SET TRANSACTION SNAPSHOT '" + exportedSnapshot + "'");
      return transaction;
    } catch (SQLException | RuntimeException e) {
      transaction.closeAfter(e);
      throw e;
    }
  }

  /**
   * Closes this transaction because setting it up failed with {@code failure}, to which a failure of
   * the close is added as suppressed; the caller then rethrows {@code failure}.
   */
  public void closeAfter(Exception failure) {
    try {
      close();
    } catch (SQLException closeFailure) {
      failure.addSuppressed(closeFailure);
    }
  }

  /**
   * Exports this transaction's snapshot ({@code pg_export_snapshot()}) for {@link #sharing}; the id
   * is valid until this transaction ends.
   */
  public String exportSnapshot() throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT pg_export_snapshot()")) {
      row.next();
      return row.getString(1);
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
