package io.scouter.archive.catalog.hotstore.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code pg_ctl start} on a chosen port and turns a failure into a message with the tail of
 * the server log.
 *
 * <p>Why: with port 0 a free port is found by binding and releasing it, so another process may
 * take it before PostgreSQL binds; that race is retried with a new port. The server log lives in
 * the data directory ({@code scouter-postgres.log}, the previous run's as {@code .1}) so that it
 * survives for diagnosis and stays bounded.
 */
final class ServerStarter {

  static final String LOG_FILE = "scouter-postgres.log";
  private static final Logger LOG = LoggerFactory.getLogger(ServerStarter.class);
  private static final int PORT_ATTEMPTS = 5;
  private static final int LOG_TAIL_LINES = 25;

  private final PostgresServerControl control;
  private final Path dataDirectory;
  private final Path socketDirectory;
  private final Path logFile;

  ServerStarter(PostgresServerControl control, Path dataDirectory, Path socketDirectory) {
    this.control = control;
    this.dataDirectory = dataDirectory;
    this.socketDirectory = socketDirectory;
    this.logFile = dataDirectory.resolve(LOG_FILE);
  }

  /** Starts the server on {@code requestedPort} (0: a free one) and returns the port. */
  int start(int requestedPort) throws IOException {
    if (Files.exists(logFile)) {
      Files.move(logFile, dataDirectory.resolve(LOG_FILE + ".1"),
          StandardCopyOption.REPLACE_EXISTING);
    }
    for (int attempt = 1; ; attempt++) {
      int port = requestedPort != 0 ? requestedPort : freePort();
      long logOffset = Files.exists(logFile) ? Files.size(logFile) : 0;
      ProcessRunner.Result result = control.start(dataDirectory, port, socketDirectory, logFile);
      if (result.succeeded()) {
        return port;
      }
      String log = readFrom(logFile, logOffset);
      if (control.isRunning(dataDirectory)) { // e.g. still starting when pg_ctl gave up
        control.stop(dataDirectory, "immediate");
      }
      if (requestedPort == 0 && attempt < PORT_ATTEMPTS && log.contains("Address already in use")) {
        LOG.info("Port {} was taken before PostgreSQL could bind it; trying another", port);
        continue;
      }
      if (requestedPort != 0 && log.contains("Address already in use")) {
        throw EmbeddedPostgresException.cannotStart("port " + port + " on 127.0.0.1 is in use"
            + " by another process; stop that process or choose another port for the embedded"
            + " server (SCOUTER_EMBEDDED_PORT; 0 picks a free one at every start)\nLast lines of"
            + " the server log " + logFile + ":\n" + tail(log));
      }
      throw EmbeddedPostgresException.cannotStart("the server did not start on 127.0.0.1:"
          + port + " with data directory " + dataDirectory + " (pg_ctl exit code "
          + result.exitCode() + ": " + result.output() + ")\nLast lines of the server log "
          + logFile + ":\n" + tail(log));
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String readFrom(Path file, long offset) throws IOException {
    if (!Files.exists(file)) {
      return "(no server log)";
    }
    try (InputStream in = Files.newInputStream(file)) {
      in.skipNBytes(Math.min(offset, Files.size(file)));
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String tail(String log) {
    List<String> lines = log.strip().lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
  }
}
