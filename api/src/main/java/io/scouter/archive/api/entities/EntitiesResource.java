package io.scouter.archive.api.entities;

import jakarta.annotation.security.RolesAllowed;
import io.scouter.archive.api.auth.Role;
import io.scouter.archive.api.errors.ErrorCategory;
import io.scouter.archive.api.errors.ScouterException;
import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.catalog.iceberg.ArchiveCatalog;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.iceberg.exceptions.NotFoundException;

/**
 * {@code GET /scouter/entities[?drift_type=Spc|Psi|Custom]}: the known (space, name, version) with,
 * per drift type, their features or metrics and the spans held hot and archived.
 */
@RolesAllowed(Role.READ)
@Path("/scouter/entities")
@Produces(MediaType.APPLICATION_JSON)
public final class EntitiesResource {
  private final EntityListing listing;

  EntitiesResource(EntityListing listing) {
    this.listing = listing;
  }

  public static EntitiesResource create(DataSource dataSource, ArchiveCatalog catalog) {
    return new EntitiesResource(new EntityListing(dataSource, new ArchivedSpans(catalog)));
  }

  @GET
  public EntityListing.Listing entities(@QueryParam("drift_type") String driftType) {
    List<DriftType> types = driftType == null ? List.of(DriftType.values()) : List.of(DriftType.fromWireName(driftType)
        .orElseThrow(() -> invalidDriftType(driftType)));
    try {
      return listing.list(types);
    } catch (SQLException e) {
      throw ScouterException.unavailable("Cannot list entities: the hot store failed (" + e.getSQLState() + ")", e);
    } catch (UncheckedIOException | NotFoundException e) {
      // RuntimeIOException (Iceberg's) is an UncheckedIOException: the store or a manifest cannot be read.
      throw ScouterException.unavailable("Cannot list entities: the archive failed (" + e.getMessage() + ")", e);
    }
  }

  private static ScouterException invalidDriftType(String value) {
    String accepted = Arrays.stream(DriftType.values()).map(DriftType::wireName).collect(Collectors.joining(", "));
    return new ScouterException("invalid_parameter", ErrorCategory.USER_ERROR, 400,
        "Invalid drift_type: '" + value + "' (accepted: " + accepted + ")", Map.of("parameter", "drift_type"));
  }
}
