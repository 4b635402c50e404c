package io.scouter.archive.catalog.hotstore.embedded;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server, run from the binaries on the classpath, owned by this object.
 *
 * <p>Why our own launcher instead of Zonky's {@code EmbeddedPostgres}: PostgreSQL refuses to run
 * as root, and Zonky's launcher cannot switch users. When the JVM is root, this one runs the
 * server as uid 65534 (see {@link ServerProcessUser}); otherwise as the JVM's user.
 *
 * <p>The data directory survives {@link #close()}; starting again on it reuses the cluster. A
 * server left running on it by a crashed JVM is stopped ({@code pg_ctl stop -m fast}) and
 * started afresh; a server that another live launcher uses makes {@link #start} fail (see
 * {@code DataDirectoryLock}). No shutdown hook is registered: the caller decides.
 */
public final class EmbeddedPostgres implements AutoCloseable {

  /** The superuser created by initdb; it authenticates with {@link #password()} (scram-sha-256). */
  public static final String SUPERUSER = "postgres";

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);

  private final Path dataDirectory;
  private final int port;
  private final Path socketDirectory;
  private final String password;
  private final PostgresServerControl control;
  private final DataDirectoryLock lock;
  private boolean closed;

  private EmbeddedPostgres(Path dataDirectory, int port, Path socketDirectory, String password,
      PostgresServerControl control, DataDirectoryLock lock) {
    this.dataDirectory = dataDirectory;
    this.port = port;
    this.socketDirectory = socketDirectory;
    this.password = password;
    this.control = control;
    this.lock = lock;
  }

  /**
   * Extracts the binaries if needed, initializes the data directory if it holds no cluster,
   * and starts the server; returns once it accepts connections.
   *
   * @param options where the data and binaries live and which port to use
   * @return the running server; {@link #close()} stops it
   * @throws EmbeddedPostgresException "Cannot start embedded PostgreSQL: ..." with the reason and,
   *     if the server itself failed, the tail of its log
   */
  public static EmbeddedPostgres start(EmbeddedPostgresOptions options) {
    long started = System.nanoTime();
    Path dataDirectory = options.dataDirectory();
    try {
      ServerProcessUser user = ServerProcessUser.forCurrentJvm();
      PostgresBinaries binaries = PostgresBinaries.prepare(options.binariesDirectory());
      user.checkReachable(binaries.home(), "binaries directory", true);
      PostgresServerControl control =
          new PostgresServerControl(binaries, user, options.timeout());
      if (!DataDirectory.prepare(dataDirectory, user)) {
        initialize(control, dataDirectory);
      }
      DataDirectoryLock lock = DataDirectoryLock.acquire(dataDirectory, user);
      Path socketDirectory = null;
      try {
        stopOrphanedServer(control, dataDirectory);
        String password = SuperuserSecret.ensure(control, dataDirectory);
        ClientAuthentication.write(dataDirectory);
        socketDirectory = SocketDirectory.create(user);
        int port = new ServerStarter(control, dataDirectory, socketDirectory)
            .start(options.port());
        LOG.info("Started PostgreSQL on 127.0.0.1:{} with data directory {} in {} ms", port,
            dataDirectory, (System.nanoTime() - started) / 1_000_000);
        return new EmbeddedPostgres(dataDirectory, port, socketDirectory, password, control, lock);
      } catch (IOException | RuntimeException e) {
        lock.close();
        SocketDirectory.deleteQuietly(socketDirectory);
        throw e;
      }
    } catch (IOException e) {
      throw EmbeddedPostgresException.cannotStart(
          "I/O error with data directory " + dataDirectory + ": " + e, e);
    }
  }

  private static void initialize(PostgresServerControl control, Path dataDirectory)
      throws IOException {
    long started = System.nanoTime();
    ProcessRunner.Result result = control.initdb(dataDirectory);
    if (!result.succeeded()) {
      throw EmbeddedPostgresException.cannotStart("initdb failed for data directory "
          + dataDirectory + " (exit code " + result.exitCode() + "):\n" + result.output());
    }
    LOG.info("Initialized PostgreSQL data directory {} in {} ms", dataDirectory,
        (System.nanoTime() - started) / 1_000_000);
  }

  /** We hold the lock, so a running server on our data directory has no live launcher. */
  private static void stopOrphanedServer(PostgresServerControl control, Path dataDirectory)
      throws IOException {
    if (!control.isRunning(dataDirectory)) {
      return;
    }
    LOG.warn("A PostgreSQL server left running by an earlier process uses {}; stopping it",
        dataDirectory);
    ProcessRunner.Result result = control.stop(dataDirectory, "fast");
    if (!result.succeeded()) {
      throw EmbeddedPostgresException.cannotStart("a PostgreSQL server left running on data"
          + " directory " + dataDirectory + " by an earlier process could not be stopped"
          + " (exit code " + result.exitCode() + "): " + result.output());
    }
  }

  /**
   * The JDBC URL of a database on this server, without credentials (see {@link #superuser()}).
   *
   * @param database the database name, e.g. {@code "postgres"}
   * @return e.g. {@code jdbc:postgresql://127.0.0.1:5432/postgres}
   */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/"
        + URLEncoder.encode(database, StandardCharsets.UTF_8);
  }

  /**
   * A database on this server in the {@code DATABASE_URI} form, with the superuser's credentials
   * (the secret is hex, so it needs no escaping): treat it as a secret.
   */
  public String databaseUri(String database) {
    return "postgresql://" + SUPERUSER + ":" + password + "@127.0.0.1:" + port + "/"
        + URLEncoder.encode(database, StandardCharsets.UTF_8);
  }

  /** The TCP port on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** The superuser name, {@value #SUPERUSER}. */
  public String superuser() {
    return SUPERUSER;
  }

  /** The superuser's password, kept in the data directory (see {@link SuperuserSecret}). */
  public String password() {
    return password;
  }

  /** The file (mode 0600) that keeps the superuser's password, for engines and operators. */
  public Path secretFile() {
    return dataDirectory().resolve(SuperuserSecret.FILE);
  }

  /** The directory of the server's Unix socket (mode 0700, owned by the server user). */
  public Path socketDirectory() {
    return socketDirectory;
  }

  /** The data directory ({@code PGDATA}). */
  public Path dataDirectory() {
    return dataDirectory;
  }

  /**
   * Stops the server ({@code pg_ctl stop -m fast}, then {@code -m immediate} if it is still
   * running) and releases the data directory. Idempotent.
   *
   * @throws EmbeddedPostgresException if the server is still running afterwards
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      ProcessRunner.Result fast = control.stop(dataDirectory, "fast");
      if (!fast.succeeded() && control.isRunning(dataDirectory)) {
        LOG.warn("Fast shutdown of PostgreSQL on {} failed, shutting down immediately: {}",
            dataDirectory, fast.output());
        ProcessRunner.Result immediate = control.stop(dataDirectory, "immediate");
        if (!immediate.succeeded() && control.isRunning(dataDirectory)) {
          throw new EmbeddedPostgresException("Cannot stop embedded PostgreSQL on "
              + dataDirectory + ": " + immediate.output());
        }
      } else if (!fast.succeeded()) {
        LOG.warn("PostgreSQL on {} was no longer running: {}", dataDirectory, fast.output());
      }
      LOG.info("Stopped PostgreSQL on 127.0.0.1:{} ({})", port, dataDirectory);
    } catch (IOException e) {
      throw new EmbeddedPostgresException(
          "Cannot stop embedded PostgreSQL on " + dataDirectory + ": " + e, e);
    } finally {
      try {
        lock.close();
      } catch (IOException e) {
        LOG.warn("Cannot release the lock on {}", dataDirectory, e);
      }
      SocketDirectory.deleteQuietly(socketDirectory);
    }
  }

  @Override
  public String toString() {
    return "EmbeddedPostgres[127.0.0.1:" + port + ", " + dataDirectory + "]";
  }
}
