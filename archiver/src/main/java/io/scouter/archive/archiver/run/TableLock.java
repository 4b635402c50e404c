package io.scouter.archive.archiver.run;

import io.scouter.archive.catalog.drift.DriftType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL session advisory lock per drift table, held for a whole archive run, so that of
 * several service instances sharing one database only one archives a table at a time. The lock
 * lives as long as its connection: if this process dies, PostgreSQL releases it. Whatever else
 * commits to a drift table on the archive's behalf (table maintenance, the duplicate removal) holds
 * it too, so a table is archived, maintained or de-duplicated by one process at a time.
 */
public final class TableLock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TableLock.class);
  /** High bits name "Scouter Archive table run" among advisory locks; low bits the table. */
  private static final long KEY_BASE = 0x5C0_7E1A_0000L;

  private final Connection connection;

  private TableLock(Connection connection) {
    this.connection = connection;
  }

  /** The lock, or empty when another instance holds it now. */
  public static Optional<TableLock> tryAcquire(DataSource dataSource, DriftType type) throws SQLException {
    Connection connection = dataSource.getConnection();
    try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
      statement.setLong(1, KEY_BASE + type.ordinal());
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        if (result.getBoolean(1)) {
          return Optional.of(new TableLock(connection));
        }
      }
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
    connection.close();
    return Optional.empty();
  }

  /**
   * Whether the lock is still ours: false once the session is gone, in which case another
   * instance may already be reconciling this table, and this one must not commit.
   */
  public boolean held() {
    try {
      return connection.isValid(5);
    } catch (SQLException e) {
      return false;
    }
  }

  /** Releases the lock; if the session is already gone, so is the lock, and that is not an error. */
  @Override
  public void close() throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_unlock_all()")) {
      statement.execute();
    } catch (SQLException e) {
      LOG.warn("Cannot release the archive lock of its session, which ended with it: {}", e.getMessage());
    } finally {
      connection.close();
    }
  }
}
