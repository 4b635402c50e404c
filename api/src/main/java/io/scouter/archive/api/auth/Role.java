package io.scouter.archive.api.auth;

import java.util.Set;

/**
 * The roles an API key can hold, as used in {@code @RolesAllowed}. A route without any role
 * annotation needs {@link #ADMIN} (default-deny); {@code admin} may do everything the others may.
 */
public final class Role {
  /** Write drift records ({@code POST /scouter/drift}). */
  public static final String INGEST = "ingest";
  /** Read metrics, profiles, archive history; open to all when {@code SCOUTER_AUTH_READS=open}. */
  public static final String READ = "read";
  /** Everything: profile writes, admin tasks, the admin port. */
  public static final String ADMIN = "admin";

  static final Set<String> ALL = Set.of(INGEST, READ, ADMIN);

  private Role() {}
}
