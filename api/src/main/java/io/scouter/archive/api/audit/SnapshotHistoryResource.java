package io.scouter.archive.api.audit;

import io.scouter.archive.api.auth.Role;
import io.scouter.archive.api.limits.ListingLimit;
import io.scouter.archive.catalog.drift.DriftType;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * {@code GET /scouter/archive/snapshots?table=spc_drift[&limit=N]}: a drift table's snapshots, newest
 * first, with the tags pointing at each. Every snapshot the table's metadata still holds is listed,
 * also one that is no longer an ancestor of the current one. Role: read.
 */
@RolesAllowed(Role.READ)
@Path("/scouter/archive/snapshots")
@Produces(MediaType.APPLICATION_JSON)
public final class SnapshotHistoryResource {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 10_000;

  private final ArchiveTables tables;

  SnapshotHistoryResource(ArchiveTables tables) {
    this.tables = tables;
  }

  @GET
  public Map<String, Object> snapshots(@QueryParam("table") String tableName, @QueryParam("limit") String limitText) {
    DriftType type = ArchiveTables.parse("table", tableName);
    int limit = ListingLimit.parse("limit", limitText, DEFAULT_LIMIT, MAX_LIMIT);
    Table table;
    try {
      table = tables.fresh(type);
    } catch (RuntimeException e) {
      throw AuditErrors.archiveFailed("read the snapshots of " + type.tableName(), e);
    }
    Map<Long, List<String>> tags = new TreeMap<>();
    table.refs().forEach((name, ref) -> {
      if (ref.isTag()) {
        tags.computeIfAbsent(ref.snapshotId(), id -> new ArrayList<>()).add(name);
      }
    });
    tags.values().forEach(names -> names.sort(Comparator.naturalOrder()));
    Snapshot current = table.currentSnapshot();
    List<Snapshot> all = new ArrayList<>();
    table.snapshots().forEach(all::add);
    all.sort(Comparator.comparingLong(Snapshot::sequenceNumber).thenComparingLong(Snapshot::timestampMillis)
        .reversed());
    List<SnapshotEntry> entries = all.stream().limit(limit)
        .map(snapshot -> SnapshotEntry.of(snapshot, current != null && current.snapshotId() == snapshot.snapshotId(),
            tags.getOrDefault(snapshot.snapshotId(), List.of())))
        .toList();
    return Map.of("table", type.tableName(), "snapshots", entries);
  }
}
