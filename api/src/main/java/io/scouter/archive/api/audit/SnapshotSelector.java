package io.scouter.archive.api.audit;

import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.catalog.iceberg.ArchiveCatalog;
import jakarta.ws.rs.core.MultivaluedMap;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.Snapshot;

/**
 * The as-of selectors of the read routes: at most one of {@code snapshot_id}, {@code as_of} or
 * {@code tag}, each given at most once. With one, a route answers from the archive at that snapshot
 * only and names the snapshot in the {@link #HEADER} response header.
 */
public final class SnapshotSelector {
  public static final String HEADER = "Scouter-Snapshot-Id";
  static final List<String> PARAMETERS = List.of("snapshot_id", "as_of", "tag");

  private final ArchiveTables tables;
  private final Clock clock;

  public SnapshotSelector(ArchiveCatalog catalog, Clock clock) {
    this(new ArchiveTables(catalog), clock);
  }

  SnapshotSelector(ArchiveTables tables, Clock clock) {
    this.tables = tables;
    this.clock = clock;
  }

  /** The selector among {@code parameters}, if any: 400 for two selectors or a malformed value. */
  public static Optional<SnapshotReference> parse(MultivaluedMap<String, String> parameters) {
    List<String> given = new ArrayList<>();
    for (String name : PARAMETERS) {
      List<String> values = parameters.get(name);
      if (values != null && !values.isEmpty()) {
        if (values.size() > 1) {
          throw AuditErrors.invalid(name, "Invalid " + name + ": given " + values.size() + " times (accepted: once)");
        }
        given.add(name);
      }
    }
    if (given.size() > 1) {
      throw AuditErrors.invalid(given.get(1), "Invalid " + given.get(1) + ": given together with " + given.get(0)
          + " (accepted: at most one of snapshot_id, as_of, tag)");
    }
    if (given.isEmpty()) {
      return Optional.empty();
    }
    String name = given.get(0);
    String value = parameters.getFirst(name);
    return Optional.of(switch (name) {
      case "snapshot_id" -> SnapshotReference.id(name, value);
      case "as_of" -> SnapshotReference.instant(name, value);
      default -> SnapshotReference.tag(name, value);
    });
  }

  /** The snapshot of {@code type}'s table that {@code parameters} select, if they select one. */
  public Optional<Snapshot> select(DriftType type, MultivaluedMap<String, String> parameters) {
    return parse(parameters).map(reference -> resolve(reference, type));
  }

  Snapshot resolve(SnapshotReference reference, DriftType type) {
    return reference.resolve(tables, type, clock.instant());
  }
}
