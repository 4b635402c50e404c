package io.scouter.archive.api.restcatalog;

import jakarta.ws.rs.core.EntityTag;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.iceberg.rest.RESTCatalogProperties.SnapshotMode;

/**
 * The ETag of a table load: every commit writes a new metadata file, so its location (with the
 * {@code snapshots} mode, which changes the body) identifies the answer. Iceberg's own helper for
 * this is package-private, hence these few lines.
 */
final class TableETags {
  private TableETags() {}

  static EntityTag of(String metadataLocation, SnapshotMode mode) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest = sha.digest((metadataLocation + "\n" + mode.name()).getBytes(StandardCharsets.UTF_8));
      return new EntityTag(HexFormat.of().formatHex(digest, 0, 16));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
  }
}
