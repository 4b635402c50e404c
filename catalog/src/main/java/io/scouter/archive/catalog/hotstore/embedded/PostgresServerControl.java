package io.scouter.archive.catalog.hotstore.embedded;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The PostgreSQL command lines: initdb, pg_ctl start/stop/status, run as the server user.
 *
 * <p>Why separate: this is the only place that knows the tools' flags, so the launcher's
 * decisions (ports, orphans, errors) stay readable. The server listens on 127.0.0.1 only and
 * its Unix socket goes to a short private directory (socket paths are limited to 107 bytes).
 * Clusters are created with {@code -E UTF8 --locale=C} (same sort order and behaviour on every
 * machine, independent of installed locales). initdb's {@code -A trust} lasts only until the
 * first start: {@link SuperuserSecret} then sets a password in single-user mode and
 * {@link ClientAuthentication} allows nothing but scram-sha-256, before the server ever listens.
 */
final class PostgresServerControl {

  /** Extra time granted to a tool beyond its own {@code -t} timeout before it is killed. */
  private static final Duration MARGIN = Duration.ofSeconds(15);

  private final PostgresBinaries binaries;
  private final ServerProcessUser user;
  private final Duration timeout;

  PostgresServerControl(PostgresBinaries binaries, ServerProcessUser user, Duration timeout) {
    this.binaries = binaries;
    this.user = user;
    this.timeout = timeout;
  }

  /** Creates a cluster in the empty {@code dataDirectory}. */
  ProcessRunner.Result initdb(Path dataDirectory) throws IOException {
    return run(List.of(binaries.executable("initdb"), "-D", dataDirectory.toString(),
        "-U", EmbeddedPostgres.SUPERUSER, "-A", "trust", "-E", "UTF8", "--locale=C",
        "--no-instructions"));
  }

  /** Runs the SQL in {@code script} in single-user mode (no network, no authentication). */
  ProcessRunner.Result singleUser(Path dataDirectory, Path script) throws IOException {
    return ProcessRunner.run(user.command(List.of(binaries.executable("postgres"), "--single", "-D",
        dataDirectory.toString(), "-c", "exit_on_error=true", EmbeddedPostgres.SUPERUSER)), timeout.plus(MARGIN),
        script);
  }

  /** Whether a live server runs on {@code dataDirectory} (pg_ctl status exit code 0). */
  boolean isRunning(Path dataDirectory) throws IOException {
    return run(List.of(binaries.executable("pg_ctl"), "status", "-D", dataDirectory.toString()))
        .succeeded();
  }

  /** Starts the server and waits until it accepts connections or the timeout passes. */
  ProcessRunner.Result start(Path dataDirectory, int port, Path socketDirectory, Path logFile)
      throws IOException {
    // pg_ctl hands -o to /bin/sh; the socket directory is ours and has no quote characters.
    String serverOptions = "-p " + port + " -h 127.0.0.1 -k '" + socketDirectory + "'";
    return run(List.of(binaries.executable("pg_ctl"), "start", "-D", dataDirectory.toString(),
        "-l", logFile.toString(), "-w", "-t", Long.toString(timeout.toSeconds()),
        "-o", serverOptions));
  }

  /** Stops the server with the given shutdown mode ({@code fast} or {@code immediate}). */
  ProcessRunner.Result stop(Path dataDirectory, String mode) throws IOException {
    return run(List.of(binaries.executable("pg_ctl"), "stop", "-D", dataDirectory.toString(),
        "-m", mode, "-w", "-t", Long.toString(timeout.toSeconds())));
  }

  private ProcessRunner.Result run(List<String> command) throws IOException {
    return ProcessRunner.run(user.command(command), timeout.plus(MARGIN));
  }
}
