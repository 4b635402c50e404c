package io.scouter.archive.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What the figures were measured on: they mean little without it. */
record MachineDescription(int cores, String memory, String cpu, String jdk, String os, String postgres,
    String heap, String collector, String load) {

  /**
   * The machine now; {@code loadAtStart} is {@link #loadAverage()} taken when the run began, so that a
   * reader sees whether other work shared the cores.
   */
  static MachineDescription detect(String postgresVersion, String loadAtStart) {
    Runtime runtime = Runtime.getRuntime();
    String memory = readLines("/proc/meminfo").flatMap(MachineDescription::memTotalKibibytes)
        .map(kib -> String.format(Locale.ROOT, "%.1f GiB", kib / (1024.0 * 1024.0))).orElse("unknown");
    String cpu = readLines("/proc/cpuinfo").flatMap(MachineDescription::cpuModel).orElse("unknown");
    String jdk = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
    String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + System.getProperty("os.arch");
    String heap = maxHeapSetting().map(setting -> setting + " (").orElse("no -Xmx (")
        + Figures.mebibytes(runtime.maxMemory()) + " usable)";
    String collector = ManagementFactory.getGarbageCollectorMXBeans().stream()
        .map(GarbageCollectorMXBean::getName).collect(Collectors.joining(", "));
    String load = "1-minute load average " + loadAtStart + " at the start, " + loadAverage() + " at the end";
    return new MachineDescription(runtime.availableProcessors(), memory, cpu, jdk, os, postgresVersion, heap,
        collector, load);
  }

  /** The 1-minute load average of the whole machine, from /proc/loadavg. */
  static String loadAverage() {
    return readLines("/proc/loadavg").filter(lines -> !lines.isEmpty())
        .map(lines -> lines.get(0).split(" ")[0]).orElse("unknown");
  }

  static Optional<Long> memTotalKibibytes(List<String> meminfo) {
    return meminfo.stream()
        .filter(line -> line.startsWith("MemTotal:"))
        .map(line -> line.replaceAll("[^0-9]", ""))
        .filter(digits -> !digits.isEmpty())
        .map(Long::parseLong)
        .findFirst();
  }

  static Optional<String> cpuModel(List<String> cpuinfo) {
    return cpuinfo.stream()
        .filter(line -> line.startsWith("model name"))
        .map(line -> line.substring(line.indexOf(':') + 1).strip())
        .findFirst();
  }

  /** The last -Xmx the JVM was given (the one that counts). */
  static Optional<String> maxHeapSetting() {
    List<String> arguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
    return arguments.stream().filter(argument -> argument.startsWith("-Xmx")).reduce((first, second) -> second);
  }

  private static Optional<List<String>> readLines(String file) {
    try {
      return Optional.of(Files.readAllLines(Path.of(file)));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
