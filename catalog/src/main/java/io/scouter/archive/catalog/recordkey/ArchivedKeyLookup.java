package io.scouter.archive.catalog.recordkey;

import io.scouter.archive.catalog.drift.DriftType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Which of some record keys an Iceberg drift table holds at a snapshot. One scan per entity, filtered
 * on the entity and on the exact timestamps asked about: the {@code day(created_at), space, name,
 * version} partitioning prunes every file outside those (day, entity) partitions, column statistics
 * and row-group filters most of the rest, and only the key columns are read. The cost follows the
 * keys asked about and the size of their partitions, not the size of the archive.
 */
public final class ArchivedKeyLookup {
  /** A large backfill becomes several scans, each over a run of consecutive timestamps (so few days). */
  private static final int MAX_TIMESTAMPS_PER_SCAN = 20_000;

  private final Table table;
  private final DriftType type;

  public ArchivedKeyLookup(Table table, DriftType type) {
    this.table = table;
    this.type = type;
  }

  /** The subset of {@code keys} that the table holds at {@code snapshotId}. */
  public Set<RecordKey> held(long snapshotId, Collection<RecordKey> keys) {
    if (keys.isEmpty()) {
      return Set.of();
    }
    if (table.snapshot(snapshotId) == null) {
      table.refresh();
    }
    Set<RecordKey> held = new HashSet<>();
    for (Map.Entry<List<String>, List<RecordKey>> entity : byEntity(keys).entrySet()) {
      Set<RecordKey> wanted = new HashSet<>(entity.getValue());
      for (List<Long> chunk : timestampChunks(entity.getValue())) {
        try (CloseableIterable<Record> rows = IcebergGenerics.read(table)
            .useSnapshot(snapshotId)
            .where(filter(entity.getKey(), chunk))
            .select(RecordKey.columns(type))
            .build()) {
          for (Record row : rows) {
            RecordKey key = RecordKey.of(type, row);
            if (wanted.contains(key)) {
              held.add(key);
            }
          }
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot read the archive's keys of " + type.tableName(), e);
        }
      }
    }
    return held;
  }

  private static Map<List<String>, List<RecordKey>> byEntity(Collection<RecordKey> keys) {
    Map<List<String>, List<RecordKey>> groups = new LinkedHashMap<>();
    for (RecordKey key : keys) {
      groups.computeIfAbsent(List.of(key.space(), key.name(), key.version()), entity -> new ArrayList<>())
          .add(key);
    }
    return groups;
  }

  /** The distinct timestamps in ascending order, in chunks that keep each scan's predicate small. */
  private static List<List<Long>> timestampChunks(List<RecordKey> keys) {
    List<Long> timestamps = new ArrayList<>(new TreeSet<>(keys.stream().map(RecordKey::createdAtMicros).toList()));
    List<List<Long>> chunks = new ArrayList<>();
    for (int start = 0; start < timestamps.size(); start += MAX_TIMESTAMPS_PER_SCAN) {
      chunks.add(timestamps.subList(start, Math.min(timestamps.size(), start + MAX_TIMESTAMPS_PER_SCAN)));
    }
    return chunks;
  }

  private static Expression filter(List<String> entity, List<Long> timestamps) {
    return Expressions.and(
        Expressions.equal(DriftType.SPACE.name(), entity.get(0)),
        Expressions.equal(DriftType.NAME.name(), entity.get(1)),
        Expressions.equal(DriftType.VERSION.name(), entity.get(2)),
        Expressions.in(DriftType.CREATED_AT.name(), timestamps));
  }
}
