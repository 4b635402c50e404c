package io.scouter.archive.api.restcatalog;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/**
 * Every write route of the Iceberg REST spec (namespaces, properties, tables, commits, register,
 * rename, multi-table transactions, views, metrics reports) answers 403 in the protocol's error
 * shape, before reading any body: the archive is changed only by the archiver, and an engine
 * attached here can never commit to it. Without these methods Jersey would answer 405 in its own
 * shape, which Iceberg clients cannot read.
 *
 * <p>The read resource extends this class because Jersey matches one root resource per path
 * template: two classes both under {@code /iceberg/v1} would hide each other's methods. It is
 * public so that javac adds no unannotated bridge methods to the subclass, which Jersey would see
 * instead of these.
 */
public abstract class ReadOnlyRefusals {

  @POST
  @Path("/{prefix}/namespaces")
  public Response createNamespace() {
    return IcebergErrors.readOnly();
  }

  @DELETE
  @Path("/{prefix}/namespaces/{namespace}")
  public Response dropNamespace() {
    return IcebergErrors.readOnly();
  }

  @POST
  @Path("/{prefix}/namespaces/{namespace}/properties")
  public Response updateNamespaceProperties() {
    return IcebergErrors.readOnly();
  }

  @POST
  @Path("/{prefix}/namespaces/{namespace}/tables")
  public Response createTable() {
    return IcebergErrors.readOnly();
  }

  @POST
  @Path("/{prefix}/namespaces/{namespace}/register")
  public Response registerTable() {
    return IcebergErrors.readOnly();
  }

  @POST
  @Path("/{prefix}/namespaces/{namespace}/tables/{table}")
  public Response commitTable() {
    return IcebergErrors.readOnly();
  }

  @DELETE
  @Path("/{prefix}/namespaces/{namespace}/tables/{table}")
  public Response dropTable() {
    return IcebergErrors.readOnly();
  }

  @POST
  @Path("/{prefix}/namespaces/{namespace}/tables/{table}/metrics")
  public Response reportMetrics() {
    return IcebergErrors.readOnly();
  }

  @POST
  @Path("/{prefix}/tables/rename")
  public Response renameTable() {
    return IcebergErrors.readOnly();
  }

  @POST
  @Path("/{prefix}/transactions/commit")
  public Response commitTransaction() {
    return IcebergErrors.readOnly();
  }

  @POST
  @Path("/{prefix}/namespaces/{namespace}/views")
  public Response createView() {
    return IcebergErrors.readOnly();
  }

  @POST
  @Path("/{prefix}/namespaces/{namespace}/views/{view}")
  public Response replaceView() {
    return IcebergErrors.readOnly();
  }

  @DELETE
  @Path("/{prefix}/namespaces/{namespace}/views/{view}")
  public Response dropView() {
    return IcebergErrors.readOnly();
  }

  @POST
  @Path("/{prefix}/views/rename")
  public Response renameView() {
    return IcebergErrors.readOnly();
  }
}
