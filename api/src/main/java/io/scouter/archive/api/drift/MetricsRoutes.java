package io.scouter.archive.api.drift;

import io.dropwizard.core.setup.Environment;
import io.scouter.archive.api.audit.SnapshotSelector;
import io.scouter.archive.api.limits.ScanPermits;
import io.scouter.archive.api.profile.ProfileResource;
import io.scouter.archive.api.profile.ProfileStore;
import io.scouter.archive.api.query.ArchiveScanner;
import io.scouter.archive.api.query.DriftReader;
import io.scouter.archive.catalog.hotstore.HotStore;
import io.scouter.archive.catalog.iceberg.ArchiveCatalog;
import java.time.Clock;
import java.util.concurrent.ExecutorService;

/** Registers the read routes: binned drift metrics over hot and archived data, and drift profiles. */
public final class MetricsRoutes {
  private MetricsRoutes() {}

  public static void register(Environment environment, HotStore hotStore, ArchiveCatalog catalog,
      ScanPermits scanPermits) {
    ProfileStore profiles = new ProfileStore(hotStore.dataSource());
    int parallelism = Math.min(4, Runtime.getRuntime().availableProcessors());
    ExecutorService scanThreads = environment.lifecycle().executorService("archive-scan-%d")
        .minThreads(parallelism).maxThreads(parallelism).build();
    DriftReader reader = new DriftReader(hotStore.dataSource(),
        new ArchiveScanner(catalog, scanThreads, parallelism, scanPermits));
    environment.jersey().register(new ArrowResultWriter());
    environment.jersey().register(new DriftMetricsResource(reader, profiles, Clock.systemUTC(),
        new SnapshotSelector(catalog, Clock.systemUTC())));
    environment.jersey().register(new ProfileResource(environment.getObjectMapper(), profiles));
  }
}
