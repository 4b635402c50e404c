package io.scouter.archive.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Optional;

/**
 * CPU time spent by this JVM and by the embedded PostgreSQL server (the {@code postgres} processes
 * this JVM started, backends included) between two readings: whether a step was limited by the
 * cores rather than by waiting. With a server of its own ({@code --database-uri}) PostgreSQL's share
 * is unknown. A backend that exits in between takes its time with it; the pooled connections that
 * the measured steps use stay open.
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

  static Reading read() {
    return new Reading(System.nanoTime(), OS.getProcessCpuTime(), postgresCpuNanos());
  }

  static CpuTime since(Reading start) {
    Reading end = read();
    Optional<Duration> postgres = start.postgresNanos().isPresent() && end.postgresNanos().isPresent()
        ? Optional.of(Duration.ofNanos(end.postgresNanos().get() - start.postgresNanos().get()))
        : Optional.empty();
    return new CpuTime(Duration.ofNanos(end.wallNanos() - start.wallNanos()),
        Duration.ofNanos(end.jvmNanos() - start.jvmNanos()), postgres);
  }

  private static Optional<Long> postgresCpuNanos() {
    long[] total = {0};
    boolean[] found = {false};
    ProcessHandle.current().descendants()
        .filter(process -> process.info().command().map(command -> command.endsWith("postgres")).orElse(false))
        .forEach(process -> process.info().totalCpuDuration().ifPresent(cpu -> {
          found[0] = true;
          total[0] += cpu.toNanos();
        }));
    return found[0] ? Optional.of(total[0]) : Optional.empty();
  }

  private CpuMeter() {}
}
