package io.scouter.archive.catalog.hotstore.embedded;

import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one PostgreSQL tool (initdb, pg_ctl, postgres -V) to completion with a timeout and returns
 * its combined output.
 *
 * <p>Why a file instead of a pipe for the output: {@code pg_ctl start} forks the server, and any
 * process that inherits a pipe keeps it open, so reading a pipe to its end can block forever. A
 * file never blocks. Why a sanitized environment: inherited {@code PG*} variables (PGDATA,
 * PGPORT, PGOPTIONS, ...) would silently change what the tools do, and an uninstalled locale in
 * {@code LANG} makes the tools warn or fail; {@code LC_ALL=C} also keeps messages in English.
 * The working directory is given by the caller (the data directory, see
 * {@code PostgresServerControl}), never the JVM's own one.
 */
final class ProcessRunner {

  private static final Logger LOG = LoggerFactory.getLogger(ProcessRunner.class);

  /** Exit code and combined stdout/stderr of a finished command. */
  record Result(int exitCode, String output) {
    boolean succeeded() {
      return exitCode == 0;
    }
  }

  private ProcessRunner() {}

  /**
   * Runs {@code command} in {@code workingDirectory} and waits at most {@code timeout}.
   *
   * @throws IOException if the command cannot be started, does not finish in time (it is then
   *     killed) or the waiting thread is interrupted ({@link InterruptedIOException})
   */
  static Result run(List<String> command, Path workingDirectory, Duration timeout) throws IOException {
    return run(command, workingDirectory, timeout, Path.of("/dev/null"));
  }

  /** Like {@link #run(List, Path, Duration)}, with the standard input read from {@code input}. */
  static Result run(List<String> command, Path workingDirectory, Duration timeout, Path input)
      throws IOException {
    Path output = Files.createTempFile("scouter-pg-cmd-", ".out");
    try {
      ProcessBuilder builder = new ProcessBuilder(command)
          .directory(workingDirectory.toFile())
          .redirectErrorStream(true)
          .redirectOutput(output.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(input.toFile()));
      Map<String, String> env = builder.environment();
      env.keySet().removeIf(name -> name.startsWith("PG") || name.startsWith("LC_"));
      env.put("LC_ALL", "C");
      env.put("LANG", "C");
      LOG.debug("Running {}", command);
      Process process = builder.start();
      if (!waitFor(process, timeout)) {
        process.destroyForcibly();
        throw new IOException(String.join(" ", command) + " did not finish within "
            + timeout.toSeconds() + " s; output: " + read(output));
      }
      return new Result(process.exitValue(), read(output));
    } finally {
      deleteQuietly(output);
    }
  }

  private static boolean waitFor(Process process, Duration timeout) throws IOException {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new InterruptedIOException("interrupted while waiting for " + process.info());
    }
  }

  private static String read(Path output) throws IOException {
    return new String(Files.readAllBytes(output), StandardCharsets.UTF_8).strip();
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.debug("Cannot delete {}", file, e);
    }
  }
}
