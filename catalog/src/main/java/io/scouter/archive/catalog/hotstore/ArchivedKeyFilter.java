package io.scouter.archive.catalog.hotstore;

import io.scouter.archive.catalog.drift.DriftRecord;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Removes from a request the records whose key the archive already holds, inside the transaction
 * that then inserts the rest; PostgreSQL's uniqueness key deals with the keys still hot.
 */
@FunctionalInterface
public interface ArchivedKeyFilter {
  /** No archive check: only the hot table's uniqueness key, as the original server does. */
  ArchivedKeyFilter HOT_KEYS_ONLY = (transaction, records) -> records;

  List<DriftRecord> withoutArchived(Connection transaction, List<DriftRecord> records) throws SQLException;
}
