package io.scouter.archive.bench;

import io.scouter.archive.archiver.ArchiverSettings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** The benchmark's knobs, each a command-line option with a default that runs in about five minutes. */
record BenchParameters(int entities, int features, int days, int runs, int warmup, int scale, int ingestSeconds,
    int ingestClients, int ingestBatch, int maxRowsPerRun, boolean year, Optional<Path> output,
    Optional<String> databaseUri, Optional<String> storageUri) {

  static final String NO_OUTPUT = "none";

  BenchParameters {
    atLeast("--entities", entities, 1);
    atLeast("--features", features, 1);
    atLeast("--days", days, 1);
    atLeast("--runs", runs, 1);
    atLeast("--warmup", warmup, 0);
    atLeast("--scale", scale, 1);
    atLeast("--ingest-seconds", ingestSeconds, 0);
    atLeast("--ingest-clients", ingestClients, 1);
    atLeast("--ingest-batch", ingestBatch, 1);
    atLeast("--max-rows-per-run", maxRowsPerRun, 1);
  }

  private static void atLeast(String option, int value, int minimum) {
    if (value < minimum) {
      throw new IllegalArgumentException("Invalid " + option + ": " + value + " (must be >= " + minimum + ")");
    }
  }

  static void addArguments(Subparser subparser) {
    integer(subparser, "--entities", 1, "entities (models) of generated data");
    integer(subparser, "--features", 3, "SPC features per entity; as many PSI features of 10 bins each");
    integer(subparser, "--days", 30, "days of data, one record per series per minute");
    integer(subparser, "--runs", 20, "timed runs of each query, after warm-up");
    integer(subparser, "--warmup", 5, "untimed runs of each query first");
    integer(subparser, "--scale", 10, "entity multiple of the larger archive for the archive-size figure (1: skip)");
    integer(subparser, "--ingest-seconds", 20, "time budget of the ingestion figure (0: skip)");
    integer(subparser, "--ingest-clients", 2, "concurrent senders for the ingestion figure");
    integer(subparser, "--ingest-batch", 1000, "records per ingestion request");
    integer(subparser, "--max-rows-per-run", (int) ArchiverSettings.DEFAULT_MAX_ROWS_PER_RUN,
        "the archiver's bound on one run (the service's default); raise it to measure one run over all rows");
    subparser.addArgument("--year").dest("year").action(Arguments.storeTrue())
        .help("also measure (i): a 365-day window of one more entity (5 Spc features, 2,628,000 rows), hot and"
            + " archived, sequential and with 16 concurrent clients; adds several minutes");
    subparser.addArgument("--output").dest("output").metavar("FILE").setDefault("BENCHMARKS.md")
        .help("file to append the dated Markdown section to ('" + NO_OUTPUT + "': print only)");
    subparser.addArgument("--database-uri").dest("databaseUri").metavar("URI")
        .help("an empty PostgreSQL database to use instead of a temporary embedded server; its scouter tables must"
            + " hold no rows, and the benchmark's rows stay there");
    subparser.addArgument("--storage-uri").dest("storageUri").metavar("URI")
        .help("warehouse instead of a temporary directory (any SCOUTER_STORAGE_URI value; credentials and endpoints"
            + " from the same environment variables as the service)");
  }

  private static void integer(Subparser subparser, String option, int defaultValue, String help) {
    subparser.addArgument(option).dest(dest(option)).metavar("N").type(Integer.class).setDefault(defaultValue)
        .help(help);
  }

  private static String dest(String option) {
    String[] words = option.substring(2).split("-");
    StringBuilder name = new StringBuilder(words[0]);
    for (int i = 1; i < words.length; i++) {
      name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
    }
    return name.toString();
  }

  static BenchParameters from(Namespace namespace) {
    String output = namespace.getString("output");
    return new BenchParameters(namespace.getInt("entities"), namespace.getInt("features"), namespace.getInt("days"),
        namespace.getInt("runs"), namespace.getInt("warmup"), namespace.getInt("scale"),
        namespace.getInt("ingestSeconds"), namespace.getInt("ingestClients"), namespace.getInt("ingestBatch"),
        namespace.getInt("maxRowsPerRun"), namespace.getBoolean("year"),
        output == null || output.equals(NO_OUTPUT) ? Optional.empty() : Optional.of(Path.of(output)),
        Optional.ofNullable(namespace.getString("databaseUri")).filter(text -> !text.isBlank()),
        Optional.ofNullable(namespace.getString("storageUri")).filter(text -> !text.isBlank()));
  }

  /** The knobs as the report shows them (no credentials: URIs are reported as given or not). */
  Map<String, String> describe() {
    Map<String, String> knobs = new LinkedHashMap<>();
    knobs.put("entities", Integer.toString(entities));
    knobs.put("features", Integer.toString(features));
    knobs.put("days", Integer.toString(days));
    knobs.put("runs", Integer.toString(runs));
    knobs.put("warmup", Integer.toString(warmup));
    knobs.put("scale", Integer.toString(scale));
    knobs.put("ingest-seconds", Integer.toString(ingestSeconds));
    knobs.put("ingest-clients", Integer.toString(ingestClients));
    knobs.put("ingest-batch", Integer.toString(ingestBatch));
    knobs.put("max-rows-per-run", Integer.toString(maxRowsPerRun));
    knobs.put("year", Boolean.toString(year));
    knobs.put("database", databaseUri.isPresent() ? "--database-uri" : "embedded (temporary)");
    knobs.put("storage", storageUri.isPresent() ? "--storage-uri" : "local disk (temporary)");
    return knobs;
  }
}
