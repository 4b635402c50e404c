package io.scouter.archive.api.restcatalog;

import jakarta.annotation.security.RolesAllowed;
import io.scouter.archive.api.auth.Role;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.rest.CatalogHandlers;
import org.apache.iceberg.rest.Endpoint;
import org.apache.iceberg.rest.RESTCatalogProperties.SnapshotMode;
import org.apache.iceberg.rest.responses.ConfigResponse;
import org.apache.iceberg.rest.responses.LoadTableResponse;

/**
 * The read routes of the Iceberg REST catalog protocol over the archive's {@link JdbcCatalog}, so
 * that Spark, Trino, DuckDB and PyIceberg attach with a URL instead of PostgreSQL credentials.
 * Paths follow the REST OpenAPI spec under {@code /iceberg}, with the catalog name as the
 * {@code prefix} the config route hands out. The protocol's handlers and models come from
 * iceberg-core; this class only routes, checks the prefix and turns failures into the protocol's
 * error shape. The writes are refused by the methods it inherits from {@link ReadOnlyRefusals}.
 */
@RolesAllowed(Role.READ)
@Path("/iceberg/v1")
@Produces(MediaType.APPLICATION_JSON)
public final class RestCatalogResource extends ReadOnlyRefusals {
  /** What the config route advertises; Iceberg's client calls nothing else (no views, no metrics). */
  static final List<Endpoint> ENDPOINTS = List.of(Endpoint.V1_LIST_NAMESPACES, Endpoint.V1_LOAD_NAMESPACE,
      Endpoint.V1_NAMESPACE_EXISTS, Endpoint.V1_LIST_TABLES, Endpoint.V1_LOAD_TABLE, Endpoint.V1_TABLE_EXISTS);

  private final JdbcCatalog catalog;
  private final String prefix;

  public RestCatalogResource(JdbcCatalog catalog, String prefix) {
    this.catalog = catalog;
    this.prefix = prefix;
  }

  /** {@code warehouse} is accepted and ignored: this service serves one catalog. */
  @GET
  @Path("/config")
  public Response config(@QueryParam("warehouse") String warehouse) {
    ConfigResponse config = ConfigResponse.builder().withOverride("prefix", prefix).withEndpoints(ENDPOINTS).build();
    return RestCatalogJson.ok(config);
  }

  @GET
  @Path("/{prefix}/namespaces")
  public Response listNamespaces(@PathParam("prefix") String requested, @QueryParam("parent") String parent,
      @QueryParam("pageToken") String pageToken, @QueryParam("pageSize") String pageSize) {
    return answer(requested, () -> {
      Namespace under = CatalogPaths.parentQuery(parent);
      return RestCatalogJson.ok(pageSize == null ? CatalogHandlers.listNamespaces(catalog, under)
          : CatalogHandlers.listNamespaces(catalog, under, pageToken, Pages.size(pageSize)));
    });
  }

  @GET
  @Path("/{prefix}/namespaces/{namespace}")
  public Response loadNamespace(@PathParam("prefix") String requested,
      @Encoded @PathParam("namespace") String namespace) {
    return answer(requested,
        () -> RestCatalogJson.ok(CatalogHandlers.loadNamespace(catalog, CatalogPaths.namespace(namespace))));
  }

  @HEAD
  @Path("/{prefix}/namespaces/{namespace}")
  public Response namespaceExists(@PathParam("prefix") String requested,
      @Encoded @PathParam("namespace") String namespace) {
    return answer(requested, () -> {
      CatalogHandlers.namespaceExists(catalog, CatalogPaths.namespace(namespace));
      return Response.noContent().build();
    });
  }

  @GET
  @Path("/{prefix}/namespaces/{namespace}/tables")
  public Response listTables(@PathParam("prefix") String requested, @Encoded @PathParam("namespace") String namespace,
      @QueryParam("pageToken") String pageToken, @QueryParam("pageSize") String pageSize) {
    return answer(requested, () -> {
      Namespace parsed = CatalogPaths.namespace(namespace);
      CatalogHandlers.namespaceExists(catalog, parsed);
      return RestCatalogJson.ok(pageSize == null ? CatalogHandlers.listTables(catalog, parsed)
          : CatalogHandlers.listTables(catalog, parsed, pageToken, Pages.size(pageSize)));
    });
  }

  /**
   * The table's metadata location and full metadata (snapshots, refs, tags: time travel works from
   * the engine). The ETag names the metadata file and the {@code snapshots} mode, so a client that
   * sends it back in {@code If-None-Match} gets 304 until the archiver commits again.
   */
  @GET
  @Path("/{prefix}/namespaces/{namespace}/tables/{table}")
  public Response loadTable(@PathParam("prefix") String requested, @Encoded @PathParam("namespace") String namespace,
      @Encoded @PathParam("table") String table, @QueryParam("snapshots") String snapshots,
      @Context Request request) {
    return answer(requested, () -> {
      SnapshotMode mode = snapshotMode(snapshots);
      LoadTableResponse loaded = CatalogHandlers.loadTable(catalog, CatalogPaths.table(namespace, table), mode);
      var tag = TableETags.of(loaded.metadataLocation(), mode);
      Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
      if (notModified != null) {
        return notModified.tag(tag).build();
      }
      return Response.ok(RestCatalogJson.write(loaded)).tag(tag).build();
    });
  }

  @HEAD
  @Path("/{prefix}/namespaces/{namespace}/tables/{table}")
  public Response tableExists(@PathParam("prefix") String requested, @Encoded @PathParam("namespace") String namespace,
      @Encoded @PathParam("table") String table) {
    return answer(requested, () -> {
      CatalogHandlers.tableExists(catalog, CatalogPaths.table(namespace, table));
      return Response.noContent().build();
    });
  }

  private static SnapshotMode snapshotMode(String text) {
    if (text == null || text.isEmpty()) {
      return SnapshotMode.ALL;
    }
    try {
      return SnapshotMode.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid snapshots: '" + text + "' (accepted: all, refs)");
    }
  }

  private Response answer(String requestedPrefix, Supplier<Response> read) {
    if (!prefix.equals(requestedPrefix)) {
      return IcebergErrors.unknownPrefix(requestedPrefix);
    }
    try {
      return read.get();
    } catch (RuntimeException e) {
      return IcebergErrors.of(e);
    }
  }
}
