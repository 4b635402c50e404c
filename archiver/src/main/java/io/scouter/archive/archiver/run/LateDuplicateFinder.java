package io.scouter.archive.archiver.run;

import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.catalog.recordkey.ArchivedKeyLookup;
import io.scouter.archive.catalog.recordkey.RecordKey;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.apache.iceberg.Table;

/**
 * The archiver's second line behind ingestion's check: late arrivals (rows below the old cutoff,
 * whose (day, entity) partitions already hold data) whose key the archive already holds. Ingestion
 * stores none of these; they exist only if something wrote past it (the original server's code path,
 * an older version of this service, rows re-sent before the upgrade). The run leaves them out and
 * still moves its watermark over them, so readers count the archived copy alone and the deletion
 * removes them with the other archived rows. Newly expired days need no check: no run has touched
 * their partitions.
 */
final class LateDuplicateFinder {
  /** PostgreSQL's text form of a tuple id, checked before it goes back into SQL. */
  private static final Pattern CTID = Pattern.compile("\\(\\d+,\\d+\\)");
  /** The tables' day partitions are UTC days of {@code created_at}. */
  private static final long MICROS_PER_DAY = 86_400_000_000L;

  private final Table table;
  private final DriftType type;
  private final OptionalLong archiveSnapshot;

  /** @param archiveSnapshot the snapshot of the archive state the run follows; empty before the first run */
  LateDuplicateFinder(Table table, DriftType type, OptionalLong archiveSnapshot) {
    this.table = table;
    this.type = type;
    this.archiveSnapshot = archiveSnapshot;
  }

  /**
   * The tuple ids, in the run's snapshot, of the late rows whose key the archive holds. Rows are read
   * in (entity, day) order and looked up one (day, entity) partition at a time, so memory holds one
   * partition's late keys, whatever the backlog: a backfill of a year of one entity is 365 small
   * lookups, not 2.6 million keys held at once (which ran a 1 GiB heap out in the benchmark).
   */
  List<String> heldInArchive(Connection snapshot, String lateRows) throws SQLException {
    if (archiveSnapshot.isEmpty()) {
      return List.of();
    }
    ArchivedKeyLookup lookup = new ArchivedKeyLookup(table, type);
    List<String> ctids = new ArrayList<>();
    Map<RecordKey, String> partition = new HashMap<>();
    try (Statement statement = snapshot.createStatement()) {
      statement.setFetchSize(10_000);
      try (ResultSet rows = statement.executeQuery("SELECT ctid::text, created_at, space, name, version, "
          + type.seriesColumn() + ", " + payloadColumn() + " FROM " + type.qualifiedTableName()
          + " WHERE " + lateRows + " ORDER BY space, name, version, created_at")) {
        RecordKey previous = null;
        while (rows.next()) {
          RecordKey key = key(rows);
          if (previous != null && !samePartition(previous, key)) {
            collect(lookup, partition, ctids);
          }
          partition.put(key, rows.getString(1));
          previous = key;
        }
      }
    }
    collect(lookup, partition, ctids);
    return ctids;
  }

  private void collect(ArchivedKeyLookup lookup, Map<RecordKey, String> partition, List<String> ctids) {
    if (partition.isEmpty()) {
      return;
    }
    for (RecordKey key : lookup.held(archiveSnapshot.getAsLong(), partition.keySet())) {
      String ctid = partition.get(key);
      if (!CTID.matcher(ctid).matches()) {
        throw new IllegalStateException("Unexpected tuple id from PostgreSQL: " + ctid);
      }
      ctids.add(ctid);
    }
    partition.clear();
  }

  private static boolean samePartition(RecordKey a, RecordKey b) {
    return Math.floorDiv(a.createdAtMicros(), MICROS_PER_DAY) == Math.floorDiv(b.createdAtMicros(), MICROS_PER_DAY)
        && a.space().equals(b.space()) && a.name().equals(b.name()) && a.version().equals(b.version());
  }

  /** {@code lateRows} without the given tuples (ids from {@link #heldInArchive}, so no input reaches SQL). */
  static String excluding(String lateRows, List<String> ctids) {
    return ctids.isEmpty() ? lateRows
        : "(" + lateRows + ") AND ctid <> ALL ('{" + String.join(",", ctids.stream().map(c -> "\"" + c + "\"")
            .toList()) + "}'::tid[])";
  }

  private String payloadColumn() {
    return switch (type) {
      case SPC, CUSTOM -> "value";
      case PSI -> "bin_id";
    };
  }

  private RecordKey key(ResultSet row) throws SQLException {
    long micros = RecordKey.micros(row.getObject(2, OffsetDateTime.class).toInstant());
    long payload = switch (type) {
      case SPC -> Double.doubleToLongBits(row.getDouble(7) == 0.0 ? 0.0 : row.getDouble(7));
      case PSI -> row.getInt(7);
      case CUSTOM -> 0L;
    };
    return new RecordKey(micros, row.getString(3), row.getString(4), row.getString(5), row.getString(6), payload);
  }
}
