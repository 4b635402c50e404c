package io.scouter.archive.catalog.hotstore.embedded;

import static io.scouter.archive.catalog.hotstore.embedded.EmbeddedPostgresTest.queryString;
import static io.scouter.archive.catalog.hotstore.embedded.TestDirectories.connect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Error messages, and recovery from servers and PID files left by crashed processes. */
class EmbeddedPostgresFailureTest {

  private static final String PREFIX = "Cannot start embedded PostgreSQL: ";

  private TestDirectories dirs;

  @BeforeEach
  void createDirectories() throws IOException {
    dirs = new TestDirectories();
  }

  @AfterEach
  void stopServers() throws IOException {
    dirs.close();
  }

  @Test
  void dataDirectoryBelowARegularFileIsRejectedClearly() throws IOException {
    Path file = Files.writeString(dirs.path("file"), "not a directory");

    assertThatThrownBy(() -> dirs.start(EmbeddedPostgresOptions.of(file.resolve("data"))))
        .isInstanceOf(EmbeddedPostgresException.class)
        .hasMessage(PREFIX + "unusable data directory " + file.resolve("data") + ": it"
            + " cannot be created because " + file + " is not a directory; choose"
            + " another data directory");
  }

  @Test
  void nonEmptyDirectoryWithoutClusterIsRejectedClearly() throws IOException {
    Path data = Files.createDirectories(dirs.path("data"));
    Files.writeString(data.resolve("unrelated.txt"), "x");

    assertThatThrownBy(() -> dirs.start(EmbeddedPostgresOptions.of(data)))
        .isInstanceOf(EmbeddedPostgresException.class)
        .hasMessage(PREFIX + "unusable data directory " + data + ": it is not empty but"
            + " holds no PostgreSQL cluster (no PG_VERSION); choose an empty or new"
            + " data directory");
  }

  @Test
  void portInUseFailsWithTheServerLogTail() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Path data = dirs.path("data");

      assertThatThrownBy(() -> dirs.start(
              EmbeddedPostgresOptions.of(data).withPort(taken.getLocalPort())))
          .isInstanceOf(EmbeddedPostgresException.class)
          .hasMessageStartingWith(PREFIX + "port " + taken.getLocalPort() + " on 127.0.0.1 is in"
              + " use by another process; stop that process or choose another port")
          .hasMessageContaining("Last lines of the server log " + data.resolve(ServerStarter.LOG_FILE))
          .hasMessageContaining("could not bind IPv4 address \"127.0.0.1\": Address already in use");
    }
    // the failed attempt left nothing running: the directory can be used right away
    assertThat(dirs.start(EmbeddedPostgresOptions.of(dirs.path("data"))).port()).isPositive();
  }

  @Test
  void dataDirectoryInUseByAnotherLauncherIsRejected() {
    EmbeddedPostgresOptions options = EmbeddedPostgresOptions.of(dirs.path("data"));
    EmbeddedPostgres first = dirs.start(options);

    assertThatThrownBy(() -> dirs.start(options))
        .isInstanceOf(EmbeddedPostgresException.class)
        .hasMessageStartingWith(PREFIX + "the data directory " + dirs.path("data")
            + " is in use by another embedded PostgreSQL launcher");
    assertThat(canConnect(first.port())).as("the first server is left alone").isTrue();
  }

  @Test
  void stalePidFileOfAKilledServerDoesNotPreventStart() throws Exception {
    EmbeddedPostgresOptions options = EmbeddedPostgresOptions.of(dirs.path("data"));
    EmbeddedPostgres crashed = EmbeddedPostgres.start(options);
    try (Connection connection = connect(crashed); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE survivor AS SELECT 42 AS answer");
    }
    killPostmaster(dirs.path("data"));
    assertThat(dirs.path("data").resolve("postmaster.pid")).as("stale PID file").exists();
    crashed.close(); // tolerates the dead server and releases the data directory

    EmbeddedPostgres restarted = dirs.start(options);

    try (Connection connection = connect(restarted); Statement statement = connection.createStatement()) {
      assertThat(queryString(statement, "SELECT answer FROM survivor")).isEqualTo("42");
    }
  }

  @Test
  void serverOrphanedByACrashedProcessIsStoppedAndReplaced() throws Exception {
    Path data = dirs.path("data");
    EmbeddedPostgres.start(EmbeddedPostgresOptions.of(data)).close();
    ServerProcessUser user = ServerProcessUser.forCurrentJvm();
    PostgresServerControl control = new PostgresServerControl(
        PostgresBinaries.prepare(null), user, EmbeddedPostgresOptions.DEFAULT_TIMEOUT);
    Path socketDirectory = SocketDirectory.create(user);
    int orphanPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      orphanPort = socket.getLocalPort();
    }
    try {
      // the log goes to the data directory: the server user may not write elsewhere
      ProcessRunner.Result orphan =
          control.start(data, orphanPort, socketDirectory, data.resolve("orphan.log"));
      assertThat(orphan.succeeded()).as(orphan.output()).isTrue();
      assertThat(canConnect(orphanPort)).isTrue();

      EmbeddedPostgres server = dirs.start(EmbeddedPostgresOptions.of(data));

      assertThat(canConnect(orphanPort)).as("the orphan was stopped").isFalse();
      try (Connection connection = connect(server); Statement statement = connection.createStatement()) {
        assertThat(queryString(statement, "SELECT 1")).isEqualTo("1");
      }
    } finally {
      SocketDirectory.deleteQuietly(socketDirectory);
    }
  }

  @Test
  void resourceIsChosenByArchitecture() {
    assertThat(PostgresBinaries.resourceName("Linux", "amd64")).isEqualTo("postgres-linux-x86_64.txz");
    assertThatThrownBy(() -> PostgresBinaries.resourceName("Linux", "aarch64"))
        .hasMessage(PREFIX + "no embedded PostgreSQL binaries for CPU architecture aarch64"
            + " (this build bundles amd64 only); set DATABASE_URI to a PostgreSQL server");
  }

  /** The arm64 branch once named a resource of an artifact the build never declared. */
  @Test
  void everyArchitectureTheLauncherAcceptsIsBundled() {
    for (String arch : List.of("amd64", "x86_64", "aarch64", "arm64", "arm", "i386", "ppc64le", "s390x")) {
      String resource;
      try {
        resource = PostgresBinaries.resourceName("Linux", arch);
      } catch (EmbeddedPostgresException refused) {
        continue;
      }
      assertThat(PostgresBinaries.class.getClassLoader().getResource(resource))
          .as("binaries %s for %s on the classpath", resource, arch).isNotNull();
    }
  }

  /** Simulates a crash: SIGKILL to the postmaster; waits until its children have exited too. */
  private static void killPostmaster(Path data) throws Exception {
    long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0));
    ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
    List<ProcessHandle> children = postmaster.children().toList();
    assertThat(postmaster.destroyForcibly()).isTrue();
    postmaster.onExit().get(30, TimeUnit.SECONDS);
    for (ProcessHandle child : children) {
      child.onExit().get(30, TimeUnit.SECONDS);
    }
  }

  @SuppressWarnings("try") // connecting is the check; the socket is only closed again
  private static boolean canConnect(int port) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
