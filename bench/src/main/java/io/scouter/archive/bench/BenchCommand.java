package io.scouter.archive.bench;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.logging.common.ConsoleAppenderFactory;
import io.dropwizard.logging.common.DefaultLoggingFactory;
import io.scouter.archive.api.config.ScouterArchiveConfiguration;
import jakarta.validation.ConstraintViolation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code java -Xmx512m -jar scouter-archive.jar bench [--entities 2] [--days 30] ...}: generates
 * data, runs the real service in this JVM on a temporary embedded PostgreSQL and warehouse, measures,
 * prints the tables to stdout (progress to stderr) and appends a dated section to BENCHMARKS.md.
 * Not a test: it asserts nothing; it fails only when a figure could not be measured honestly.
 */
public final class BenchCommand extends Command {
  public BenchCommand() {
    super("bench", "Measures archive throughput, query latency, pruning, heap and ingestion; prints a table");
  }

  @Override
  public void configure(Subparser subparser) {
    BenchParameters.addArguments(subparser);
  }

  @Override
  public void run(Bootstrap<?> wildcardBootstrap, Namespace namespace) throws Exception {
    @SuppressWarnings("unchecked")
    Bootstrap<ScouterArchiveConfiguration> bootstrap = (Bootstrap<ScouterArchiveConfiguration>) wildcardBootstrap;
    BenchParameters parameters = BenchParameters.from(namespace);
    Progress progress = new Progress(System.err);
    DefaultLoggingFactory logging = quietLogging(bootstrap);
    Instant date = Instant.now();
    String loadAtStart = MachineDescription.loadAverage();
    Path scratch = Files.createTempDirectory("scouter-bench-",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    try {
      progress.step("scratch directory %s", scratch);
      try (BenchDatabase database = parameters.databaseUri().map(BenchDatabase::external)
          .orElseGet(() -> BenchDatabase.embedded(scratch))) {
        // Interrupted (Ctrl-C): the embedded server is a separate process and would outlive the JVM.
        Thread cleanUp = new Thread(() -> {
          try {
            database.close();
          } finally {
            deleteQuietly(scratch);
          }
        }, "bench-clean-up");
        Runtime.getRuntime().addShutdownHook(cleanUp);
        try {
          measureAndReport(bootstrap, parameters, database, scratch, progress, date, loadAtStart);
        } finally {
          removeQuietly(cleanUp);
        }
      }
    } finally {
      deleteQuietly(scratch);
      logging.stop();
    }
  }

  private static void measureAndReport(Bootstrap<ScouterArchiveConfiguration> bootstrap, BenchParameters parameters,
      BenchDatabase database, Path scratch, Progress progress, Instant date, String loadAtStart) throws Exception {
    ScouterArchiveConfiguration configuration = BenchConfiguration.build(database.uri(),
        parameters.storageUri().orElse(scratch.resolve("warehouse").toString()));
    configuration.archive().setMaxRowsPerRun(parameters.maxRowsPerRun());
    configuration.maintenance().setEnabled(false); // the late-arrival scenario runs its pass itself
    validate(bootstrap, configuration);
    try (InProcessService service = InProcessService.start(bootstrap, configuration)) {
      progress.step("service listening on %s", service.uri());
      String postgres = serverVersion(service.archive().hotStore().dataSource());
      BenchResults results = new BenchRun(parameters, service, bootstrap.getObjectMapper(), progress).run();
      BenchReport report = BenchReport.of(date, progress.elapsed(), MachineDescription.detect(postgres, loadAtStart),
          database.kind(), parameters, results);
      PrintStream out = System.out;
      out.println();
      out.print(report.plainText());
      out.flush();
      if (parameters.output().isPresent()) {
        BenchmarksFile.append(parameters.output().get(), report.markdown());
        progress.step("appended the section to %s", parameters.output().get().toAbsolutePath());
      }
      LateArrivalMaintenanceBench maintenance = new LateArrivalMaintenanceBench(service, parameters,
          bootstrap.getObjectMapper(), progress);
      String section = maintenance.markdown(maintenance.run(), date, MachineDescription.detect(postgres, loadAtStart));
      out.print(section);
      if (parameters.output().isPresent()) {
        BenchmarksFile.append(parameters.output().get(), section);
      }
      if (parameters.year()) {
        YearWindowBench year = new YearWindowBench(service, parameters, bootstrap.getObjectMapper(), progress);
        FigureTable table = year.table(year.run());
        out.println();
        out.print(table.plainText());
        if (parameters.output().isPresent()) {
          BenchmarksFile.append(parameters.output().get(),
              year.markdown(table, date, MachineDescription.detect(postgres, loadAtStart)));
        }
      }
    }
  }

  private static void removeQuietly(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is shutting down and runs the hook itself.
    }
  }

  @Override
  public void onError(Cli cli, Namespace namespace, Throwable failure) {
    cli.getStdErr().println("Cannot run the benchmark: " + failure.getMessage());
    failure.printStackTrace(cli.getStdErr());
  }

  /** Warnings and errors only, on stderr: stdout is the table. */
  private static DefaultLoggingFactory quietLogging(Bootstrap<ScouterArchiveConfiguration> bootstrap) {
    DefaultLoggingFactory logging = new DefaultLoggingFactory();
    logging.setLevel("WARN");
    ConsoleAppenderFactory<ILoggingEvent> console = new ConsoleAppenderFactory<>();
    console.setTarget(ConsoleAppenderFactory.ConsoleStream.STDERR);
    logging.setAppenders(List.of(console));
    logging.configure(bootstrap.getMetricRegistry(), bootstrap.getApplication().getName());
    return logging;
  }

  private static void validate(Bootstrap<ScouterArchiveConfiguration> bootstrap,
      ScouterArchiveConfiguration configuration) {
    Set<ConstraintViolation<ScouterArchiveConfiguration>> violations =
        bootstrap.getValidatorFactory().getValidator().validate(configuration);
    if (!violations.isEmpty()) {
      throw new IllegalStateException("Invalid benchmark configuration: " + violations.stream()
          .map(violation -> violation.getPropertyPath() + " " + violation.getMessage())
          .collect(Collectors.joining("; ")));
    }
  }

  private static String serverVersion(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SHOW server_version")) {
      result.next();
      return "PostgreSQL " + result.getString(1);
    }
  }

  /** The scratch tree also holds the embedded server's files (another uid's when run as root; root deletes them). */
  private static void deleteQuietly(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException | UncheckedIOException e) {
      System.err.println("Cannot delete the scratch directory " + root + ": " + e);
    }
  }
}
