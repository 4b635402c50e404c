package io.scouter.archive.catalog.recordkey;

/**
 * The archive (catalog or object store) could not be read to check records older than the deletion
 * horizon; nothing of the request is stored, and the client may retry later.
 */
public final class ArchiveLookupException extends RuntimeException {
  public ArchiveLookupException(String message, Throwable cause) {
    super(message, cause);
  }
}
