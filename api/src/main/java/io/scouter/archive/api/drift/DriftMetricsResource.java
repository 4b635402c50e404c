package io.scouter.archive.api.drift;

import com.codahale.metrics.annotation.Timed;
import io.scouter.archive.api.audit.SnapshotSelector;
import io.scouter.archive.api.auth.Role;
import io.scouter.archive.api.errors.ScouterException;
import io.scouter.archive.api.metrics.CustomResult;
import io.scouter.archive.api.metrics.PsiReference;
import io.scouter.archive.api.metrics.PsiResult;
import io.scouter.archive.api.metrics.SpcResult;
import io.scouter.archive.api.profile.ProfileStore;
import io.scouter.archive.api.query.DriftQuery;
import io.scouter.archive.api.query.DriftReader;
import io.scouter.archive.catalog.drift.DriftType;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.exceptions.NotFoundException;

/**
 * {@code GET /scouter/drift/spc|psi|custom}: binned metrics of one entity over a window, from the
 * hot rows and the archive together, or with an as-of selector ({@link SnapshotSelector}) from the
 * archive at one snapshot only. JSON by default; an Arrow IPC stream for
 * {@code Accept: application/vnd.apache.arrow.stream}.
 */
@Path("/scouter/drift")
@RolesAllowed(Role.READ)
@Produces({MediaType.APPLICATION_JSON, ArrowResults.MEDIA_TYPE + ";qs=0.5"})
public final class DriftMetricsResource {
  private final DriftReader reader;
  private final ProfileStore profiles;
  private final Clock clock;
  private final SnapshotSelector snapshots;

  public DriftMetricsResource(DriftReader reader, ProfileStore profiles, Clock clock, SnapshotSelector snapshots) {
    this.reader = reader;
    this.profiles = profiles;
    this.clock = clock;
    this.snapshots = snapshots;
  }

  @GET
  @Path("spc")
  @Timed
  public Response spc(@Context UriInfo uri) {
    DriftQuery query = DriftRequest.parse(DriftType.SPC, uri.getQueryParameters(), clock.instant());
    Optional<Snapshot> asOf = snapshots.select(DriftType.SPC, uri.getQueryParameters());
    if (asOf.isPresent()) {
      return asOf(read(() -> reader.archivedMoments(query, asOf.get().snapshotId()).spc()), asOf.get());
    }
    return Response.ok(read(() -> reader.moments(query).spc())).build();
  }

  @GET
  @Path("custom")
  @Timed
  public Response custom(@Context UriInfo uri) {
    DriftQuery query = DriftRequest.parse(DriftType.CUSTOM, uri.getQueryParameters(), clock.instant());
    Optional<Snapshot> asOf = snapshots.select(DriftType.CUSTOM, uri.getQueryParameters());
    if (asOf.isPresent()) {
      return asOf(read(() -> reader.archivedMoments(query, asOf.get().snapshotId()).custom()), asOf.get());
    }
    return Response.ok(read(() -> reader.moments(query).custom())).build();
  }

  @GET
  @Path("psi")
  @Timed
  public Response psi(@Context UriInfo uri) {
    DriftQuery query = DriftRequest.parse(DriftType.PSI, uri.getQueryParameters(), clock.instant());
    Optional<Snapshot> asOf = snapshots.select(DriftType.PSI, uri.getQueryParameters());
    PsiReference reference = read(() -> profiles.psiReference(query.space(), query.name(), query.version()))
        .orElseThrow(() -> ScouterException.notFound("No PSI reference profile for space '" + query.space()
            + "', name '" + query.name() + "', version '" + query.version()
            + "': register one with POST /scouter/profile"));
    if (asOf.isPresent()) {
      return asOf(read(() -> reader.archivedBinCounts(query, asOf.get().snapshotId()).psi(reference)), asOf.get());
    }
    return Response.ok(read(() -> reader.binCounts(query).psi(reference))).build();
  }

  /** An as-of answer names the snapshot of the route's table it was read from. */
  private static Response asOf(Object result, Snapshot snapshot) {
    return Response.ok(result).header(SnapshotSelector.HEADER, snapshot.snapshotId()).build();
  }

  private static <T> T read(Read<T> read) {
    try {
      return read.run();
    } catch (SQLException e) {
      throw ScouterException.unavailable("Cannot read drift metrics: the hot store failed (" + e.getSQLState()
          + ")", e);
    } catch (UncheckedIOException | NotFoundException e) {
      throw ScouterException.unavailable("Cannot read drift metrics: the archive failed (" + e.getMessage() + ")",
          e);
    }
  }

  @FunctionalInterface
  private interface Read<T> {
    T run() throws SQLException;
  }
}
