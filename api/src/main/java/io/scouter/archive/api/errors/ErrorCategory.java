package io.scouter.archive.api.errors;

/** Who is at fault, which decides the HTTP status family and whether the failure is logged as ours. */
public enum ErrorCategory {
  /** The request is wrong: 4xx, not logged as an error. */
  USER_ERROR,
  /** Something outside this service failed (database, object store): 503. */
  EXTERNAL,
  /** The service is at a limit it was configured with (e.g. concurrent archive scans): 503, one warning line. */
  OVERLOADED,
  /** A bug or an unexpected state here: 500, logged with an id the client can quote. */
  INTERNAL
}
