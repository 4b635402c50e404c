package io.scouter.archive.api.audit;

import jakarta.annotation.security.RolesAllowed;
import io.scouter.archive.api.auth.Role;
import io.scouter.archive.api.errors.ScouterException;
import io.scouter.archive.catalog.drift.DriftType;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * {@code GET /scouter/archive/changes?table=&from=<snapshot|tag|instant>[&to=<…>]}: which (day,
 * entity) partitions gained rows between two snapshots, and how many. {@code to} defaults to the
 * table's current snapshot. Role: read.
 */
@RolesAllowed(Role.READ)
@Path("/scouter/archive/changes")
@Produces(MediaType.APPLICATION_JSON)
public final class ChangesResource {
  private final ArchiveTables tables;
  private final Clock clock;

  ChangesResource(ArchiveTables tables, Clock clock) {
    this.tables = tables;
    this.clock = clock;
  }

  @GET
  public ChangesReport changes(@QueryParam("table") String tableName, @QueryParam("from") String fromText,
      @QueryParam("to") String toText) {
    DriftType type = ArchiveTables.parse("table", tableName);
    SnapshotReference fromReference = SnapshotReference.anyOf("from", fromText);
    SnapshotReference toReference = toText == null ? null : SnapshotReference.anyOf("to", toText);
    try {
      Snapshot from = fromReference.resolve(tables, type, clock.instant());
      Snapshot to = toReference == null ? current(type) : toReference.resolve(tables, type, clock.instant());
      Table table = tables.knowing(type, to.snapshotId());
      return ChangesReport.between(table, type, from, to);
    } catch (ScouterException e) {
      throw e;
    } catch (RuntimeException e) {
      throw AuditErrors.archiveFailed("report the changes of " + type.tableName(), e);
    }
  }

  private Snapshot current(DriftType type) {
    Snapshot current = tables.fresh(type).currentSnapshot();
    if (current == null) {
      throw AuditErrors.invalid("to", "Invalid to: table " + type.tableName() + " has no snapshot yet");
    }
    return current;
  }
}
