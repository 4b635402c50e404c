package io.scouter.archive.api.audit;

import io.scouter.archive.catalog.drift.DriftType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.iceberg.HistoryEntry;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audit tags: one Iceberg tag ({@link SnapshotRef}) of the same name on every drift table, so that
 * any engine reads {@code VERSION AS OF '<name>'}. The JDBC catalog commits one table at a time, so
 * "at once" means: every table is checked first, then tagged, and a failure part-way removes the
 * tags this call created. A tag is never moved: an existing name is a 409. Creation and deletion in
 * this process are serialised; a tag created meanwhile by another process fails the commit, which
 * is then also a 409.
 */
final class ArchiveTags {
  private static final Logger LOG = LoggerFactory.getLogger(ArchiveTags.class);
  /** The archiver's summary key of the pass a run belonged to (see the archiver's {@code RunMarker}). */
  static final String PASS_ID = "scouter.archive.pass-id";

  private final ArchiveTables tables;
  private final Clock clock;

  ArchiveTags(ArchiveTables tables, Clock clock) {
    this.tables = tables;
    this.clock = clock;
  }

  /** Creates tag {@code name} at {@code at} (now when empty) on every table that had a snapshot then. */
  synchronized TagEntry create(String name, Optional<SnapshotReference> at, OptionalInt retainDays) {
    Map<DriftType, Table> fresh = new EnumMap<>(DriftType.class);
    for (DriftType type : DriftType.values()) {
      Table table = tables.fresh(type);
      SnapshotRef existing = table.refs().get(name);
      if (existing != null) {
        throw AuditErrors.conflict("Tag '" + name + "' already exists on " + type.tableName() + " (snapshot "
            + existing.snapshotId() + "); a tag is never moved: delete it first or choose another name");
      }
      fresh.put(type, table);
    }
    Map<DriftType, Snapshot> targets = targets(fresh, at);
    if (targets.isEmpty()) {
      throw AuditErrors.invalid(at.map(SnapshotReference::parameter).orElse("as_of"),
          "Cannot tag: no drift table had a snapshot " + (at.isEmpty() ? "yet" : "at that time"));
    }
    List<DriftType> created = new ArrayList<>();
    try {
      for (Map.Entry<DriftType, Snapshot> target : targets.entrySet()) {
        var update = fresh.get(target.getKey()).manageSnapshots().createTag(name, target.getValue().snapshotId());
        retainDays.ifPresent(days -> update.setMaxRefAgeMs(name, Duration.ofDays(days).toMillis()));
        update.commit();
        created.add(target.getKey());
      }
    } catch (RuntimeException e) {
      removeQuietly(name, created);
      if (e instanceof IllegalArgumentException && String.valueOf(e.getMessage()).contains("already exists")) {
        throw AuditErrors.conflict("Tag '" + name + "' was created by someone else meanwhile: " + e.getMessage());
      }
      throw AuditErrors.archiveFailed("create tag '" + name + "'", e);
    }
    LOG.info("Created tag '{}' on {}", name, targets.keySet());
    return list().stream().filter(tag -> tag.name().equals(name)).findFirst().orElseThrow();
  }

  /**
   * Per table, the snapshot the reference names. A snapshot id belongs to one table: that table is
   * tagged at it, the others at their snapshot of the same archive pass, or else at their snapshot
   * current when it was committed (the pass archived nothing into them). An instant applies
   * to each table alike; a table without a snapshot then is left untagged.
   */
  private Map<DriftType, Snapshot> targets(Map<DriftType, Table> fresh, Optional<SnapshotReference> at) {
    Instant now = clock.instant();
    long millis = now.toEpochMilli();
    if (at.isPresent() && at.get() instanceof SnapshotReference.ById byId) {
      Snapshot named = fresh.values().stream().map(table -> table.snapshot(byId.snapshotId()))
          .filter(snapshot -> snapshot != null).findFirst()
          .orElseThrow(() -> AuditErrors.notFound("No snapshot " + byId.snapshotId() + " in any drift table ("
              + ArchiveTables.ACCEPTED + ")"));
      millis = named.timestampMillis();
    } else if (at.isPresent() && at.get() instanceof SnapshotReference.AsOf asOf) {
      if (asOf.instant().isAfter(now)) {
        throw AuditErrors.invalid(asOf.parameter(), "Invalid " + asOf.parameter() + ": " + asOf.instant()
            + " is in the future (now: " + now + ")");
      }
      millis = asOf.instant().toEpochMilli();
    } else if (at.isPresent()) {
      throw new IllegalArgumentException("A tag is created at a snapshot id or an instant, not at " + at.get());
    }
    Map<DriftType, Snapshot> targets = new EnumMap<>(DriftType.class);
    for (Map.Entry<DriftType, Table> table : fresh.entrySet()) {
      Snapshot snapshot = at.isPresent() && at.get() instanceof SnapshotReference.ById byId
          ? samePass(table.getValue(), byId.snapshotId(), fresh.values()) : null;
      if (snapshot == null) {
        HistoryEntry entry = SnapshotReference.currentAt(table.getValue().history(), millis);
        snapshot = entry == null ? null : table.getValue().snapshot(entry.snapshotId());
      }
      if (snapshot != null) {
        targets.put(table.getKey(), snapshot);
      }
    }
    return targets;
  }

  /**
   * The snapshot {@code snapshotId} itself if {@code table} holds it, otherwise this table's
   * snapshot of the same archive pass (the archiver commits the tables one after another, each
   * run's summary naming the pass), if the pass archived anything into it.
   */
  private static Snapshot samePass(Table table, long snapshotId, Iterable<Table> all) {
    Snapshot own = table.snapshot(snapshotId);
    if (own != null) {
      return own;
    }
    String pass = null;
    for (Table other : all) {
      Snapshot named = other.snapshot(snapshotId);
      if (named != null && named.summary() != null) {
        pass = named.summary().get(PASS_ID);
      }
    }
    if (pass == null) {
      return null;
    }
    for (Snapshot snapshot : table.snapshots()) {
      if (snapshot.summary() != null && pass.equals(snapshot.summary().get(PASS_ID))) {
        return snapshot;
      }
    }
    return null;
  }

  /** Every tag on the drift tables, by name. */
  List<TagEntry> list() {
    Map<String, TagEntry.Builder> byName = new java.util.TreeMap<>();
    for (DriftType type : DriftType.values()) {
      Table table = tables.fresh(type);
      table.refs().forEach((name, ref) -> {
        if (ref.isTag()) {
          Snapshot snapshot = table.snapshot(ref.snapshotId());
          byName.computeIfAbsent(name, TagEntry.Builder::new).add(type, ref, snapshot);
        }
      });
    }
    return byName.values().stream().map(TagEntry.Builder::build).toList();
  }

  /** Removes tag {@code name} from every table holding it: 404 when none does. */
  synchronized List<String> delete(String name) {
    List<DriftType> holding = new ArrayList<>();
    for (DriftType type : DriftType.values()) {
      SnapshotRef ref = tables.fresh(type).refs().get(name);
      if (ref != null && ref.isTag()) {
        holding.add(type);
      }
    }
    if (holding.isEmpty()) {
      throw AuditErrors.notFound("No tag '" + name + "' on any drift table (see GET /scouter/archive/tags)");
    }
    try {
      for (DriftType type : holding) {
        tables.fresh(type).manageSnapshots().removeTag(name).commit();
      }
    } catch (RuntimeException e) {
      throw AuditErrors.archiveFailed("delete tag '" + name + "'", e);
    }
    LOG.info("Deleted tag '{}' from {}", name, holding);
    return holding.stream().map(DriftType::tableName).toList();
  }

  private void removeQuietly(String name, List<DriftType> created) {
    for (DriftType type : created) {
      try {
        tables.fresh(type).manageSnapshots().removeTag(name).commit();
      } catch (RuntimeException e) {
        LOG.warn("Cannot remove the partly created tag '{}' from {}: {}", name, type.tableName(), e.getMessage());
      }
    }
  }
}
