package io.scouter.archive.catalog.hotstore.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to start an {@link EmbeddedPostgres} server.
 *
 * <p>Why a record with {@code with...} methods: the launcher is configured from the service
 * configuration and from tests; an immutable value with validated components keeps those call
 * sites short and makes invalid settings fail before any process is started.
 *
 * @param dataDirectory the PostgreSQL data directory ({@code PGDATA}); kept across restarts: if it
 *     already holds a cluster ({@code PG_VERSION}) it is reused, otherwise it must be empty or
 *     absent and is initialized with {@code initdb}
 * @param port the TCP port on 127.0.0.1, or 0 to choose a free port automatically
 * @param binariesDirectory where the PostgreSQL binaries are extracted, or {@code null} for the
 *     default: a directory under {@code java.io.tmpdir} shared by all JVMs and keyed by the
 *     binaries version (e.g. {@code /tmp/scouter-postgres-17.11.0})
 * @param timeout the longest wait for each server operation (initdb, start, stop)
 */
public record EmbeddedPostgresOptions(
    Path dataDirectory, int port, Path binariesDirectory, Duration timeout) {

  /** The default wait for initdb, start and stop. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  public EmbeddedPostgresOptions {
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    Objects.requireNonNull(timeout, "timeout");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0 (automatic) or 1-65535: " + port);
    }
    if (timeout.isNegative() || timeout.isZero() || timeout.toSeconds() < 1) {
      throw new IllegalArgumentException("timeout must be at least one second: " + timeout);
    }
    dataDirectory = dataDirectory.toAbsolutePath().normalize();
    binariesDirectory =
        binariesDirectory == null ? null : binariesDirectory.toAbsolutePath().normalize();
  }

  /** Options for the given data directory, an automatic port and the default binaries location. */
  public static EmbeddedPostgresOptions of(Path dataDirectory) {
    return new EmbeddedPostgresOptions(dataDirectory, 0, null, DEFAULT_TIMEOUT);
  }

  public EmbeddedPostgresOptions withPort(int newPort) {
    return new EmbeddedPostgresOptions(dataDirectory, newPort, binariesDirectory, timeout);
  }

  public EmbeddedPostgresOptions withBinariesDirectory(Path newBinariesDirectory) {
    return new EmbeddedPostgresOptions(dataDirectory, port, newBinariesDirectory, timeout);
  }

  public EmbeddedPostgresOptions withTimeout(Duration newTimeout) {
    return new EmbeddedPostgresOptions(dataDirectory, port, binariesDirectory, newTimeout);
  }
}
