package io.scouter.archive.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** One run's report: when, on what, with which data, then the tables; as terminal text and as Markdown. */
final class BenchReport {
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

  private final Instant date;
  private final Map<String, String> context;
  private final List<FigureTable> tables;

  BenchReport(Instant date, Map<String, String> context, List<FigureTable> tables) {
    this.date = date;
    this.context = context;
    this.tables = List.copyOf(tables);
  }

  static BenchReport of(Instant date, Duration runTime, MachineDescription machine, String database,
      BenchParameters parameters, BenchResults results) {
    DriftDataGenerator data = results.data();
    long rows = results.loaded().values().stream().mapToLong(Long::longValue).sum();
    Map<String, String> context = new LinkedHashMap<>();
    context.put("machine", machine.cores() + " cores (" + machine.cpu() + "), " + machine.memory() + " memory, "
        + machine.os() + "; " + machine.load());
    context.put("JVM", machine.jdk() + ", heap " + machine.heap() + ", " + machine.collector());
    context.put("PostgreSQL", machine.postgres() + " (" + database + ")");
    context.put("data", String.format(Locale.ROOT, "%d %s x (%d Spc features, %d Psi features x %d bins,"
            + " %d custom metrics), one record per series per minute, %d %s (%s to %s): %s rows (%s)",
        parameters.entities(), parameters.entities() == 1 ? "entity" : "entities", parameters.features(),
        parameters.features(), DriftDataGenerator.PSI_BINS,
        DriftDataGenerator.CUSTOM_METRIC_COUNT, data.days(), data.days() == 1 ? "day" : "days",
        DAY.format(data.start()), DAY.format(data.end()),
        Figures.count(rows), results.loaded().entrySet().stream()
            .map(entry -> entry.getKey().tableName() + " " + Figures.count(entry.getValue()))
            .collect(Collectors.joining(", "))));
    context.put("parameters", parameters.describe().entrySet().stream()
        .map(entry -> "--" + entry.getKey() + " " + entry.getValue()).collect(Collectors.joining(", ")));
    context.put("run time", formatRunTime(runTime));
    return new BenchReport(date, context, new FigureTables(results, parameters).all());
  }

  String plainText() {
    StringBuilder text = new StringBuilder("Scouter Archive benchmark, " + MINUTE.format(date) + "\n");
    context.forEach((key, value) -> text.append(key).append(": ").append(value).append('\n'));
    for (FigureTable table : tables) {
      text.append('\n').append(table.plainText());
    }
    return text.toString();
  }

  String markdown() {
    StringBuilder text = new StringBuilder("## " + MINUTE.format(date) + ": `bench`\n\n");
    context.forEach((key, value) -> text.append("- **").append(key).append("**: ").append(value).append('\n'));
    for (FigureTable table : tables) {
      text.append('\n').append(table.markdown());
    }
    return text.toString();
  }

  static String formatRunTime(Duration runTime) {
    return String.format(Locale.ROOT, "%d min %02d s", runTime.toMinutes(), runTime.toSecondsPart());
  }
}
