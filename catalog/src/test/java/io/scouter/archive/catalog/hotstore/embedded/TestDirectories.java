package io.scouter.archive.catalog.hotstore.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-test scratch space under {@code java.io.tmpdir} that uid 65534 can traverse (JUnit's
 * {@code @TempDir} is mode 0700, which the server user could not enter when the JVM is root),
 * plus the servers started in it, all stopped and deleted by {@link #close()}.
 */
final class TestDirectories implements AutoCloseable {

  final Path base;
  private final List<EmbeddedPostgres> servers = new ArrayList<>();

  TestDirectories() throws IOException {
    base = Files.createTempDirectory("scouter-pg-test-");
    Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  Path path(String name) {
    return base.resolve(name);
  }

  /** Starts a server and remembers it for {@link #close()}. */
  EmbeddedPostgres start(EmbeddedPostgresOptions options) {
    EmbeddedPostgres server = EmbeddedPostgres.start(options);
    synchronized (servers) {
      servers.add(server);
    }
    return server;
  }

  static Connection connect(EmbeddedPostgres server) throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl("postgres"), server.superuser(), server.password());
  }

  @Override
  public void close() throws IOException {
    RuntimeException failure = null;
    for (EmbeddedPostgres server : servers) {
      try {
        server.close();
      } catch (RuntimeException e) {
        failure = e;
      }
    }
    Directories.deleteRecursively(base);
    if (failure != null) {
      throw failure;
    }
  }
}
