package io.scouter.archive.api.restcatalog;

import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.rest.RESTUtil;

/**
 * Names in the REST catalog's paths: namespaces with their levels joined by the unit separator
 * {@code %1F} (the spec's default, which the config route does not override), each level and
 * table name URL-encoded. The resource reads them {@code @Encoded} and decodes them here.
 */
final class CatalogPaths {
  static final String NAMESPACE_SEPARATOR = "%1F";

  private CatalogPaths() {}

  static Namespace namespace(String encoded) {
    return RESTUtil.decodeNamespace(encoded, NAMESPACE_SEPARATOR);
  }

  static TableIdentifier table(String encodedNamespace, String encodedTable) {
    return TableIdentifier.of(namespace(encodedNamespace), RESTUtil.decodeString(encodedTable));
  }

  static Namespace parentQuery(String parent) {
    return parent == null || parent.isEmpty() ? Namespace.empty() : RESTUtil.namespaceFromQueryParam(parent);
  }
}
