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
 *
 * <p>Every tool runs with the data directory as its working directory and is given
 * {@value #DATA_DIRECTORY_ARGUMENT} as {@code -D}. Why: when the JVM is root the tools run as uid
 * 65534, which may not be allowed to walk the directories above the data directory (e.g. a clone
 * under {@code /root}, mode 0700). The working directory is entered by the JVM's child while it is
 * still root, and every PostgreSQL process inherits it (the postmaster itself changes into its
 * data directory), so {@code /proc/self/cwd} names the data directory in each of them without a
 * path walk; no permission of any other directory is changed or needed.
 */
final class PostgresServerControl {

  /** The {@code -D} argument: the tool's own working directory, which is the data directory. */
  static final String DATA_DIRECTORY_ARGUMENT = "/proc/self/cwd";

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
    return run(dataDirectory, List.of(binaries.executable("initdb"), "-D", DATA_DIRECTORY_ARGUMENT,
        "-U", EmbeddedPostgres.SUPERUSER, "-A", "trust", "-E", "UTF8", "--locale=C",
        "--no-instructions"));
  }

  /** Runs the SQL in {@code script} in single-user mode (no network, no authentication). */
  ProcessRunner.Result singleUser(Path dataDirectory, Path script) throws IOException {
    return ProcessRunner.run(user.command(List.of(binaries.executable("postgres"), "--single", "-D",
        DATA_DIRECTORY_ARGUMENT, "-c", "exit_on_error=true", EmbeddedPostgres.SUPERUSER)), dataDirectory,
        timeout.plus(MARGIN), script);
  }

  /** Whether a live server runs on {@code dataDirectory} (pg_ctl status exit code 0). */
  boolean isRunning(Path dataDirectory) throws IOException {
    return run(dataDirectory,
        List.of(binaries.executable("pg_ctl"), "status", "-D", DATA_DIRECTORY_ARGUMENT))
        .succeeded();
  }

  /** Starts the server and waits until it accepts connections or the timeout passes. */
  ProcessRunner.Result start(Path dataDirectory, int port, Path socketDirectory, Path logFile)
      throws IOException {
    // pg_ctl hands -o to /bin/sh; the socket directory is ours and has no quote characters.
    String serverOptions = "-p " + port + " -h 127.0.0.1 -k '" + socketDirectory + "'";
    // The log file is named relative to the working directory, the data directory.
    return run(dataDirectory, List.of(binaries.executable("pg_ctl"), "start",
        "-D", DATA_DIRECTORY_ARGUMENT, "-l", dataDirectory.relativize(logFile).toString(),
        "-w", "-t", Long.toString(timeout.toSeconds()), "-o", serverOptions));
  }

  /** Stops the server with the given shutdown mode ({@code fast} or {@code immediate}). */
  ProcessRunner.Result stop(Path dataDirectory, String mode) throws IOException {
    return run(dataDirectory, List.of(binaries.executable("pg_ctl"), "stop",
        "-D", DATA_DIRECTORY_ARGUMENT, "-m", mode, "-w", "-t", Long.toString(timeout.toSeconds())));
  }

  private ProcessRunner.Result run(Path dataDirectory, List<String> command) throws IOException {
    return ProcessRunner.run(user.command(command), dataDirectory, timeout.plus(MARGIN));
  }
}
