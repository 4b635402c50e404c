package io.scouter.archive.bench;

import io.scouter.archive.catalog.hotstore.embedded.EmbeddedPostgres;
import io.scouter.archive.catalog.hotstore.embedded.EmbeddedPostgresOptions;
import java.nio.file.Path;

/**
 * The PostgreSQL the benchmark runs on: by default a fresh embedded server in the run's scratch
 * directory, owned by the benchmark (the service connects to it as to any DATABASE_URI), else the
 * server the user named.
 */
final class BenchDatabase implements AutoCloseable {
  private final String uri;
  private final EmbeddedPostgres embedded;

  private BenchDatabase(String uri, EmbeddedPostgres embedded) {
    this.uri = uri;
    this.embedded = embedded;
  }

  static BenchDatabase embedded(Path scratch) {
    EmbeddedPostgres server = EmbeddedPostgres.start(EmbeddedPostgresOptions.of(scratch.resolve("postgres")));
    return new BenchDatabase(server.databaseUri("postgres"), server);
  }

  static BenchDatabase external(String uri) {
    return new BenchDatabase(uri, null);
  }

  /** In {@code DATABASE_URI} form. */
  String uri() {
    return uri;
  }

  String kind() {
    return embedded == null ? "external" : "embedded";
  }

  /** Idempotent: the embedded server stops once, also when a shutdown hook calls this too. */
  @Override
  public void close() {
    if (embedded != null) {
      embedded.close();
    }
  }
}
