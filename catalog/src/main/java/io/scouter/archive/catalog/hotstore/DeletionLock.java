package io.scouter.archive.catalog.hotstore;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A transaction-level PostgreSQL advisory lock between the deletion of archived hot rows and the
 * ingestion of records old enough that their keys may have been deleted. Ingestion holds it shared
 * from its archive lookup to its commit; each deletion batch holds it exclusively. So no row is
 * deleted between "the archive does not hold this key" and "the hot table's uniqueness key catches
 * it": a key is either still hot (PostgreSQL's constraint answers) or was deleted before the lookup,
 * hence archived under the state the lookup reads. Shared holders never wait for each other.
 */
public final class DeletionLock {
  /** An arbitrary constant that names "Scouter Archive hot-row deletion" among advisory locks. */
  public static final long KEY = 0x5C0_7E1A_DE1EL;

  private DeletionLock() {}

  /** Takes the lock shared until the connection's transaction ends (it must not be in auto-commit). */
  public static void holdShared(Connection transaction) throws SQLException {
    execute(transaction, "SELECT pg_advisory_xact_lock_shared(" + KEY + ")");
  }

  /** Takes the lock exclusively until the connection's transaction ends (it must not be in auto-commit). */
  public static void holdExclusive(Connection transaction) throws SQLException {
    execute(transaction, "SELECT pg_advisory_xact_lock(" + KEY + ")");
  }

  /** The same, as a statement that can precede a DELETE in one transaction (pg_cron's command). */
  public static String exclusiveSql() {
    return "SELECT pg_advisory_xact_lock(" + KEY + ")";
  }

  private static void execute(Connection transaction, String sql) throws SQLException {
    if (transaction.getAutoCommit()) {
      throw new IllegalStateException("The deletion lock lasts a transaction: the connection is in auto-commit");
    }
    try (Statement statement = transaction.createStatement()) {
      statement.execute(sql);
    }
  }
}
