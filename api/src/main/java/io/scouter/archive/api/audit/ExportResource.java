package io.scouter.archive.api.audit;

import jakarta.annotation.security.RolesAllowed;
import io.scouter.archive.api.auth.Role;
import io.scouter.archive.api.errors.ScouterException;
import io.scouter.archive.api.limits.ScanPermits;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * {@code GET /scouter/archive/export?table=&space=&name=&version=&begin=&end=[&snapshot_id|as_of|tag]}:
 * the archived rows of one entity and window at one snapshot (the current one without a selector),
 * ordered by series then time, streamed as CSV, Parquet or an Arrow IPC stream by {@code Accept}
 * (CSV when the client accepts anything). The snapshot and the exact row count are response
 * headers, sent before the rows: the count comes from file metadata plus the window's two edge
 * days, so no trailer is needed. Role: read.
 */
@RolesAllowed(Role.READ)
@Path("/scouter/archive/export")
public final class ExportResource {
  public static final String ROW_COUNT_HEADER = "Scouter-Row-Count";

  private final ArchiveTables tables;
  private final SnapshotSelector selector;
  private final ScanPermits scanPermits;

  ExportResource(ArchiveTables tables, SnapshotSelector selector, ScanPermits scanPermits) {
    this.tables = tables;
    this.selector = selector;
    this.scanPermits = scanPermits;
  }

  @GET
  @Produces("text/csv;qs=1")
  public Response csv(@Context UriInfo uri) {
    return export(uri, ExportWriter.Format.CSV);
  }

  @GET
  @Produces("application/vnd.apache.parquet;qs=0.9")
  public Response parquet(@Context UriInfo uri) {
    return export(uri, ExportWriter.Format.PARQUET);
  }

  @GET
  @Produces("application/vnd.apache.arrow.stream;qs=0.8")
  public Response arrow(@Context UriInfo uri) {
    return export(uri, ExportWriter.Format.ARROW);
  }

  private Response export(UriInfo uri, ExportWriter.Format format) {
    ExportRequest request = ExportRequest.parse(uri.getQueryParameters());
    Optional<Snapshot> selected = selector.select(request.type(), uri.getQueryParameters());
    // An export scans the archive like a binned read: it holds a scan permit until its last byte.
    ScanPermits.Permit permit = scanPermits.acquire();
    ExportPlan plan;
    try {
      Snapshot snapshot = selected.orElseGet(() -> current(request));
      Table table = tables.knowing(request.type(), snapshot.snapshotId());
      plan = ExportPlan.of(table, request, snapshot);
    } catch (ScouterException e) {
      permit.close();
      throw e;
    } catch (RuntimeException e) {
      permit.close();
      throw AuditErrors.archiveFailed("plan the export", e);
    }
    StreamingOutput body = out -> {
      try (permit) {
        ExportStream.write(plan, format, out);
      }
    };
    String file = request.type().tableName() + "-" + plan.snapshot().snapshotId() + "." + format.extension();
    return Response.ok(body, format.mediaType())
        .header(SnapshotSelector.HEADER, plan.snapshot().snapshotId())
        .header(ROW_COUNT_HEADER, plan.rows())
        .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
        .build();
  }

  private Snapshot current(ExportRequest request) {
    Snapshot current = tables.fresh(request.type()).currentSnapshot();
    if (current == null) {
      throw AuditErrors.notFound("Nothing to export: table " + request.type().tableName() + " has no snapshot yet");
    }
    return current;
  }
}
