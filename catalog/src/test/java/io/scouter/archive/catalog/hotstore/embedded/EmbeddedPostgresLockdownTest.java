package io.scouter.archive.catalog.hotstore.embedded;

import static io.scouter.archive.catalog.hotstore.embedded.TestDirectories.connect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The embedded server lets no one in without the generated secret, over TCP or its Unix socket. */
class EmbeddedPostgresLockdownTest {
  private static final int SASL_REQUEST = 10;
  private static final int AUTHENTICATION_OK = 0;

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
  void refusesLoopbackConnectionsWithoutTheSecret() {
    EmbeddedPostgres server = dirs.start(EmbeddedPostgresOptions.of(dirs.path("data")));

    assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl("postgres"), "postgres", null))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("no password was provided");
    assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl("postgres"), "postgres", "postgres"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("password authentication failed for user \"postgres\"");
  }

  @Test
  void theUnixSocketAsksForAScramPassword() throws IOException {
    EmbeddedPostgres server = dirs.start(EmbeddedPostgresOptions.of(dirs.path("data")));

    assertThat(authenticationRequest(server)).isEqualTo(SASL_REQUEST);
  }

  @Test
  void keepsTheSecretOwnerOnlyInTheDataDirectoryAndListensOnLoopbackOnly() throws Exception {
    EmbeddedPostgres server = dirs.start(EmbeddedPostgresOptions.of(dirs.path("data")));
    Path secret = server.dataDirectory().resolve(SuperuserSecret.FILE);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
    assertThat(Files.readString(secret).strip()).isEqualTo(server.password()).hasSize(64);
    assertThat(server.toString()).doesNotContain(server.password());
    try (Connection connection = connect(server); Statement statement = connection.createStatement()) {
      assertThat(single(statement, "SHOW listen_addresses")).isEqualTo("127.0.0.1");
      assertThat(single(statement, "SELECT string_agg(DISTINCT auth_method, ',') FROM pg_hba_file_rules"))
          .isEqualTo("scram-sha-256");
      assertThat(single(statement, "SELECT left(rolpassword, 13) FROM pg_authid WHERE rolname = 'postgres'"))
          .isEqualTo("SCRAM-SHA-256");
    }
  }

  @Test
  void locksDownAClusterThatAnOlderVersionLeftOnTrust() throws Exception {
    EmbeddedPostgresOptions options = EmbeddedPostgresOptions.of(dirs.path("data"));
    try (EmbeddedPostgres first = EmbeddedPostgres.start(options);
        Connection connection = connect(first);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE kept (id int); INSERT INTO kept VALUES (42)");
    }
    // What an older version left: trust everywhere and no secret file.
    Files.delete(options.dataDirectory().resolve(SuperuserSecret.FILE));
    Files.writeString(options.dataDirectory().resolve(ClientAuthentication.FILE),
        "local all all trust\nhost all all 127.0.0.1/32 trust\n");

    EmbeddedPostgres second = dirs.start(options);

    assertThatThrownBy(() -> DriverManager.getConnection(second.jdbcUrl("postgres"), "postgres", null))
        .hasMessageContaining("no password was provided");
    assertThat(authenticationRequest(second)).isEqualTo(SASL_REQUEST);
    try (Connection connection = connect(second); Statement statement = connection.createStatement()) {
      assertThat(single(statement, "SELECT id::text FROM kept")).isEqualTo("42");
    }
  }

  /** Sends a PostgreSQL startup message over the Unix socket; returns the code of the server's answer. */
  private static int authenticationRequest(EmbeddedPostgres server) throws IOException {
    Path socket = server.socketDirectory().resolve(".s.PGSQL." + server.port());
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      ByteArrayOutputStream parameters = new ByteArrayOutputStream();
      for (String text : new String[] {"user", "postgres", "database", "postgres", ""}) {
        parameters.write(text.getBytes(StandardCharsets.UTF_8));
        parameters.write(0);
      }
      ByteArrayOutputStream message = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(message);
      out.writeInt(8 + parameters.size());
      out.writeInt(196608); // protocol 3.0
      out.write(parameters.toByteArray());
      channel.write(ByteBuffer.wrap(message.toByteArray()));
      ByteBuffer answer = ByteBuffer.allocate(9);
      while (answer.hasRemaining() && channel.read(answer) >= 0) {
        // read the type byte, the length and the authentication code
      }
      answer.flip();
      assertThat((char) answer.get()).as("message type").isEqualTo('R');
      answer.getInt();
      int code = answer.getInt();
      assertThat(code).as("authentication request").isNotEqualTo(AUTHENTICATION_OK);
      return code;
    }
  }

  private static String single(Statement statement, String sql) throws SQLException {
    try (ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    }
  }
}
