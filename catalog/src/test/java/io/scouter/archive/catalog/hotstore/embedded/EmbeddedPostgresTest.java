package io.scouter.archive.catalog.hotstore.embedded;

import static io.scouter.archive.catalog.hotstore.embedded.TestDirectories.connect;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Starts real PostgreSQL 17 servers and checks what a caller relies on. */
class EmbeddedPostgresTest {

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
  void startsPostgres17WithUtf8AndCLocale() throws Exception {
    EmbeddedPostgres server = dirs.start(EmbeddedPostgresOptions.of(dirs.path("data")));

    try (Connection connection = connect(server);
        Statement statement = connection.createStatement()) {
      assertThat(queryString(statement, "SELECT version()")).startsWith("PostgreSQL 17.");
      assertThat(queryString(statement, "SELECT pg_encoding_to_char(encoding) || ' '"
          + " || datcollate FROM pg_database WHERE datname = 'postgres'"))
          .isEqualTo("UTF8 C");
      assertThat(queryString(statement, "SELECT current_user")).isEqualTo("postgres");
      assertThat(queryString(statement, "SHOW listen_addresses")).isEqualTo("127.0.0.1");
    }
  }

  @Test
  void dataSurvivesStopAndRestart() throws Exception {
    EmbeddedPostgresOptions options = EmbeddedPostgresOptions.of(dirs.path("data"));
    try (EmbeddedPostgres first = EmbeddedPostgres.start(options);
        Connection connection = connect(first);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE kept (id int PRIMARY KEY, name text)");
      statement.execute("INSERT INTO kept VALUES (1, 'one'), (2, 'two')");
    }

    EmbeddedPostgres second = dirs.start(options);

    try (Connection connection = connect(second);
        Statement statement = connection.createStatement()) {
      assertThat(queryString(statement, "SELECT string_agg(name, ',' ORDER BY id) FROM kept"))
          .isEqualTo("one,two");
    }
    assertThat(dirs.path("data").resolve(ServerStarter.LOG_FILE + ".1")).exists();
  }

  @Test
  void portZeroChoosesAFreePort() throws Exception {
    EmbeddedPostgres server = dirs.start(EmbeddedPostgresOptions.of(dirs.path("data")));

    assertThat(server.port()).isBetween(1, 65535);
    assertThat(server.jdbcUrl("postgres"))
        .isEqualTo("jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres");
    try (Connection connection = connect(server);
        Statement statement = connection.createStatement()) {
      assertThat(queryString(statement, "SHOW port")).isEqualTo(Integer.toString(server.port()));
    }
  }

  @Test
  void fixedPortIsUsed() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }

    EmbeddedPostgres server =
        dirs.start(EmbeddedPostgresOptions.of(dirs.path("data")).withPort(port));

    assertThat(server.port()).isEqualTo(port);
    try (Connection connection = connect(server);
        Statement statement = connection.createStatement()) {
      assertThat(queryString(statement, "SHOW port")).isEqualTo(Integer.toString(port));
    }
  }

  @Test
  void twoLaunchersExtractingConcurrentlyBothStart() throws Exception {
    Path binaries = dirs.path("binaries");
    CyclicBarrier barrier = new CyclicBarrier(2);
    ExecutorService executor = Executors.newFixedThreadPool(2);
    try {
      List<Future<EmbeddedPostgres>> servers = List.of("a", "b").stream()
          .map(name -> executor.submit(() -> {
            barrier.await(30, TimeUnit.SECONDS);
            return dirs.start(EmbeddedPostgresOptions.of(dirs.path("data-" + name))
                .withBinariesDirectory(binaries));
          }))
          .toList();
      for (Future<EmbeddedPostgres> server : servers) {
        try (Connection connection = connect(server.get(120, TimeUnit.SECONDS));
            Statement statement = connection.createStatement()) {
          assertThat(queryString(statement, "SELECT 1")).isEqualTo("1");
        }
      }
    } finally {
      executor.shutdownNow();
    }
    assertThat(binaries.resolve("bin/postgres")).isExecutable();
    try (var siblings = Files.list(dirs.base)) {
      assertThat(siblings.map(p -> p.getFileName().toString()))
          .as("no temporary extraction directory is left behind")
          .noneMatch(name -> name.contains(".tmp-"));
    }
  }

  /**
   * The README's run command from a clone under {@code /root} (mode 0700): as root the server runs
   * as uid 65534, which may not enter the directories above its data directory, and must still
   * start and keep its data across a restart (CI runs as root, where this matters).
   */
  @Test
  void dataDirectoryBelowADirectoryOnlyItsOwnerMayEnterStartsAndKeepsData() throws Exception {
    Path home = Files.createDirectories(dirs.path("home"));
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
    EmbeddedPostgresOptions options =
        EmbeddedPostgresOptions.of(home.resolve("clone").resolve("scouter-data"));
    try (EmbeddedPostgres first = EmbeddedPostgres.start(options);
        Connection connection = connect(first);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE kept (id int PRIMARY KEY)");
      statement.execute("INSERT INTO kept VALUES (7)");
    }

    EmbeddedPostgres second = dirs.start(options);

    try (Connection connection = connect(second);
        Statement statement = connection.createStatement()) {
      assertThat(queryString(statement, "SELECT id::text FROM kept")).isEqualTo("7");
    }
    assertThat(Files.getPosixFilePermissions(home))
        .as("no permission above the data directory was changed")
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
  }

  @Test
  void serverRunsAsNobodyWhenJvmIsRootAndAsJvmUserOtherwise() throws Exception {
    Path data = dirs.path("data");
    EmbeddedPostgres server = dirs.start(EmbeddedPostgresOptions.of(data));
    long jvmUid = ServerProcessUser.jvmUid();
    long expectedUid = jvmUid == 0 ? ServerProcessUser.UNPRIVILEGED_ID : jvmUid;

    try (Connection connection = connect(server);
        Statement statement = connection.createStatement()) {
      assertThat(queryString(statement, "SELECT current_setting('data_directory')"))
          .isEqualTo(PostgresServerControl.DATA_DIRECTORY_ARGUMENT);
    }
    assertThat(((Number) Files.getAttribute(data.resolve("PG_VERSION"), "unix:uid")).longValue())
        .isEqualTo(expectedUid);
    long postmasterPid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0));
    assertThat(Path.of("/proc/" + postmasterPid + "/cwd").toRealPath())
        .as("the postmaster works in the data directory that /proc/self/cwd names")
        .isEqualTo(data.toRealPath());
    String uidLine = Files.readAllLines(Path.of("/proc/" + postmasterPid + "/status")).stream()
        .filter(line -> line.startsWith("Uid:")).findFirst().orElseThrow();
    assertThat(uidLine.split("\\s+")).as("real, effective, saved and fs uid of the postmaster")
        .containsExactly("Uid:", "" + expectedUid, "" + expectedUid, "" + expectedUid,
            "" + expectedUid);
  }

  static String queryString(Statement statement, String sql) throws SQLException {
    try (ResultSet result = statement.executeQuery(sql)) {
      assertThat(result.next()).isTrue();
      return result.getString(1);
    }
  }
}
