package io.scouter.archive.api.audit;

import io.dropwizard.core.setup.Environment;
import io.scouter.archive.api.limits.ScanPermits;
import io.scouter.archive.catalog.iceberg.ArchiveCatalog;
import java.time.Clock;

/**
 * Registers the audit routes: snapshot history, tags, exports and the changes report. (The as-of
 * selectors of the binned routes are wired with those routes, through {@link SnapshotSelector}.)
 */
public final class AuditRoutes {
  private AuditRoutes() {}

  public static void register(Environment environment, ArchiveCatalog catalog, ScanPermits scanPermits) {
    Clock clock = Clock.systemUTC();
    ArchiveTables tables = new ArchiveTables(catalog);
    environment.jersey().register(new SnapshotHistoryResource(tables));
    environment.jersey().register(new TagsResource(new ArchiveTags(tables, clock), environment.getObjectMapper()));
    environment.jersey().register(new ChangesResource(tables, clock));
    environment.jersey().register(new ExportResource(tables, new SnapshotSelector(tables, clock), scanPermits));
  }
}
