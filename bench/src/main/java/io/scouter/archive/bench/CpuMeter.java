package io.scouter.archive.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * CPU time spent by this JVM and by the PostgreSQL server (its {@code postgres} processes, backends
 * included) between two readings: whether a step was limited by the cores rather than by waiting.
 * PostgreSQL's share is known for a server on this machine only. A backend that exits in between
 * takes its time with it; the pooled connections that the measured steps use stay open.
 */
final class CpuMeter {
  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /** CPU time used by a step, and the wall time it took. */
  record CpuTime(Duration wall, Duration jvm, Optional<Duration> postgres) {
    /** Cores kept busy on average: all CPU time over the wall time (unknown without PostgreSQL's share). */
    Optional<Double> busyCores() {
      return postgres.filter(pg -> !wall.isZero())
          .map(pg -> (double) jvm.plus(pg).toNanos() / wall.toNanos());
    }
  }

  /** A point in time to measure from. */
  record Reading(long wallNanos, long jvmNanos, Optional<Long> postgresNanos) {}

  private final Optional<ProcessHandle> postmaster;

  private CpuMeter(Optional<ProcessHandle> postmaster) {
    this.postmaster = postmaster;
  }

  /**
   * A meter for the server behind {@code dataSource}, found as the parent of one of its backends,
   * and only where that is a local {@code postgres} process; elsewhere PostgreSQL's share is unknown.
   */
  static CpuMeter forServer(DataSource dataSource) throws SQLException {
    long backend;
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT pg_backend_pid()")) {
      row.next();
      backend = row.getLong(1);
    }
    Optional<ProcessHandle> postmaster = ProcessHandle.of(backend).filter(CpuMeter::isPostgres)
        .flatMap(ProcessHandle::parent).filter(CpuMeter::isPostgres);
    return new CpuMeter(postmaster);
  }

  Reading read() {
    return new Reading(System.nanoTime(), OS.getProcessCpuTime(), postmaster.map(CpuMeter::cpuNanos));
  }

  CpuTime since(Reading start) {
    Reading end = read();
    Optional<Duration> postgres = start.postgresNanos().isPresent() && end.postgresNanos().isPresent()
        ? Optional.of(Duration.ofNanos(end.postgresNanos().get() - start.postgresNanos().get()))
        : Optional.empty();
    return new CpuTime(Duration.ofNanos(end.wallNanos() - start.wallNanos()),
        Duration.ofNanos(end.jvmNanos() - start.jvmNanos()), postgres);
  }

  /** The server process and every process under it (backends, background workers). */
  private static long cpuNanos(ProcessHandle postmaster) {
    return Stream.concat(Stream.of(postmaster), postmaster.descendants())
        .mapToLong(process -> process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
        .sum();
  }

  private static boolean isPostgres(ProcessHandle process) {
    return process.info().command().map(command -> command.endsWith("postgres")).orElse(false);
  }

}
