package io.scouter.archive.catalog.testing;

import io.scouter.archive.catalog.hotstore.embedded.EmbeddedPostgres;
import io.scouter.archive.catalog.hotstore.embedded.EmbeddedPostgresOptions;
import io.scouter.archive.catalog.settings.DatabaseUri;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL for tests: the server named by {@code SCOUTER_TEST_DATABASE_URI} (in the
 * {@code postgresql://user:password@host:port/database} form), or else one embedded server per test
 * JVM, started by the same launcher the service uses, so it works as root too. Each caller gets a
 * database of its own, so test classes never see each other's rows.
 */
public final class TestDatabases {
  public static final String SERVER_SETTING = "SCOUTER_TEST_DATABASE_URI";
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static String serverUri;
  private static EmbeddedPostgres embedded;
  private static Path embeddedBase;

  private TestDatabases() {}

  /** A new, empty database on the test server. */
  public static DatabaseUri freshDatabase(String purpose) {
    return DatabaseUri.parse(freshDatabaseUri(purpose)).orElseThrow();
  }

  /** Like {@link #freshDatabase}, as the text a user would put in {@code DATABASE_URI}. */
  public static String freshDatabaseUri(String purpose) {
    String admin = server();
    String name = ("t_" + purpose + "_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet())
        .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    try (Connection connection = connect(DatabaseUri.parse(admin).orElseThrow());
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create test database " + name + ": " + e.getMessage(), e);
    }
    return admin.replaceFirst("(//[^/]+)/[^/?]*", "$1/" + name);
  }

  public static Connection connect(DatabaseUri uri) throws SQLException {
    return DriverManager.getConnection(uri.jdbcUrl(), uri.user().orElse(null), uri.password().orElse(null));
  }

  private static synchronized String server() {
    if (serverUri == null) {
      String configured = System.getenv(SERVER_SETTING);
      serverUri = configured == null || configured.isBlank() ? startEmbedded() : configured.trim();
    }
    return serverUri;
  }

  private static String startEmbedded() {
    Path base;
    try {
      // Traversable by everyone: as root, the server runs under an unprivileged uid.
      base = Files.createTempDirectory("scouter-test-pg-",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    embedded = EmbeddedPostgres.start(EmbeddedPostgresOptions.of(base.resolve("data")));
    embeddedBase = base;
    // Normally TestSessionCleanup stops it when the test run ends; this hook covers other runners.
    Runtime.getRuntime().addShutdownHook(new Thread(TestDatabases::stopEmbedded, "stop-test-postgres"));
    return embedded.databaseUri("postgres");
  }

  /**
   * Stops the embedded test server, if one was started, and deletes its data directory (hundreds
   * of MB): in that order, so nothing is deleted under a running server. Idempotent.
   */
  static synchronized void stopEmbedded() {
    if (embedded == null) {
      return;
    }
    try {
      embedded.close();
      TemporaryDirectories.delete(embeddedBase);
    } catch (IOException | RuntimeException e) {
      System.err.println("Cannot stop the test PostgreSQL or delete " + embeddedBase + ": " + e);
    } finally {
      embedded = null;
      serverUri = null;
    }
  }
}
