package io.scouter.archive.archiver.recordkey;

import io.scouter.archive.archiver.watermark.ArchiveState;
import io.scouter.archive.catalog.drift.DriftRecord;
import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.catalog.hotstore.ArchivedKeyFilter;
import io.scouter.archive.catalog.hotstore.DeletionLock;
import io.scouter.archive.catalog.recordkey.ArchiveLookupException;
import io.scouter.archive.catalog.recordkey.ArchivedKeyLookup;
import io.scouter.archive.catalog.recordkey.RecordKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.iceberg.Table;

/**
 * At most once per record key, whatever the record's age. A hot row is deleted only once it is
 * archived and older than retention plus grace (the deletion age); until then the hot table's
 * uniqueness key catches a re-sent record. So only records older than the <b>horizon</b>, now minus
 * the deletion age plus {@link #HORIZON_MARGIN}, can have a key that PostgreSQL no longer holds: for
 * those (and only those) the request takes {@link DeletionLock} shared, reads each table's
 * {@code archive_state} and looks their keys up in the Iceberg table at that snapshot
 * ({@link ArchivedKeyLookup}); keys found there are dropped from the request. Requests of recent
 * records take no lock and read nothing.
 *
 * <p>Why this is exact: while the lock is held no hot row is deleted, so a key is either still hot
 * (the insert's {@code ON CONFLICT} skips it, also when a pass archives it meanwhile) or was deleted
 * before the lock, i.e. archived under a state no newer than the one read. The margin covers what
 * could delete a "recent" row without the lock being asked for: a deletion starting while the
 * request runs, and clock skew between this host and the deleter's (pg_cron uses the database's).
 */
public final class ArchiveKeyCheck implements ArchivedKeyFilter {
  public static final Duration HORIZON_MARGIN = Duration.ofHours(1);

  private final Function<DriftType, Table> tables;
  private final Duration deletionAge;
  private final Clock clock;
  private final Map<DriftType, ArchivedKeyLookup> lookups = new EnumMap<>(DriftType.class);

  /**
   * @param tables the archive's Iceberg tables (loaded on first need: a request of recent records
   *     works while the object store is down)
   * @param deletionAge retention plus grace: how old an archived hot row must be to be deleted
   */
  public ArchiveKeyCheck(Function<DriftType, Table> tables, Duration deletionAge, Clock clock) {
    this.tables = tables;
    this.deletionAge = deletionAge;
    this.clock = clock;
  }

  /** Records created before this instant may have left PostgreSQL, and are checked against the archive. */
  public Instant horizon(Instant now) {
    return now.minus(deletionAge).plus(HORIZON_MARGIN);
  }

  @Override
  public List<DriftRecord> withoutArchived(Connection transaction, List<DriftRecord> records) throws SQLException {
    Instant horizon = horizon(clock.instant());
    Map<DriftType, List<RecordKey>> old = new EnumMap<>(DriftType.class);
    for (DriftRecord record : records) {
      if (record.createdAt().isBefore(horizon)) {
        old.computeIfAbsent(record.type(), type -> new ArrayList<>()).add(RecordKey.of(record));
      }
    }
    if (old.isEmpty()) {
      return records;
    }
    DeletionLock.holdShared(transaction);
    Map<DriftType, Set<RecordKey>> held = new EnumMap<>(DriftType.class);
    for (Map.Entry<DriftType, List<RecordKey>> entry : old.entrySet()) {
      Optional<ArchiveState> state = ArchiveState.read(transaction, entry.getKey());
      if (state.isPresent()) {
        held.put(entry.getKey(), held(entry.getKey(), state.get().snapshotId(), entry.getValue()));
      }
    }
    if (held.values().stream().allMatch(Set::isEmpty)) {
      return records;
    }
    List<DriftRecord> kept = new ArrayList<>(records.size());
    for (DriftRecord record : records) {
      Set<RecordKey> archived = held.get(record.type());
      if (archived == null || !record.createdAt().isBefore(horizon) || !archived.contains(RecordKey.of(record))) {
        kept.add(record);
      }
    }
    return kept;
  }

  private Set<RecordKey> held(DriftType type, long snapshotId, List<RecordKey> keys) {
    try {
      return lookup(type).held(snapshotId, keys);
    } catch (RuntimeException e) {
      throw new ArchiveLookupException("Cannot check " + keys.size() + " records older than the deletion horizon "
          + "against the archive of " + type.tableName() + ": " + e.getMessage(), e);
    }
  }

  private synchronized ArchivedKeyLookup lookup(DriftType type) {
    return lookups.computeIfAbsent(type, key -> new ArchivedKeyLookup(tables.apply(key), key));
  }
}
