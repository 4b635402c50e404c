package io.scouter.archive.bench;

import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import io.scouter.archive.api.config.ScouterArchiveConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code java -jar scouter-archive.jar load-test [--clients 8] [--seconds 30] [--output BENCHMARKS.md]}:
 * the real service in this JVM on loopback ports, a temporary embedded PostgreSQL and warehouse;
 * N clients query hot, archived and straddling windows while ingestion and archive passes run.
 * Bounded: at most 64 clients and 300 s. Exits non-zero on any error or a broken archive invariant.
 */
public final class LoadTestCommand extends Command {
  public LoadTestCommand() {
    super("load-test", "Concurrent queries during ingestion and archive passes; prints throughput and latency");
  }

  @Override
  public void configure(Subparser subparser) {
    subparser.addArgument("--clients").type(Integer.class).choices(Arguments.range(1, 64)).setDefault(8).help("concurrent query clients");
    subparser.addArgument("--seconds").type(Integer.class).choices(Arguments.range(5, 300)).setDefault(30).help("duration of the load");
    subparser.addArgument("--output").help("append the section to this file (e.g. BENCHMARKS.md)");
  }

  @Override
  public void run(Bootstrap<?> wildcardBootstrap, Namespace namespace) throws Exception {
    @SuppressWarnings("unchecked")
    Bootstrap<ScouterArchiveConfiguration> bootstrap = (Bootstrap<ScouterArchiveConfiguration>) wildcardBootstrap;
    Progress progress = new Progress(System.err);
    Instant date = Instant.now();
    String loadAtStart = MachineDescription.loadAverage();
    Path scratch = Files.createTempDirectory("scouter-load-",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    LoadTestResult result;
    try (BenchDatabase database = BenchDatabase.embedded(scratch)) {
      ScouterArchiveConfiguration configuration = BenchConfiguration.build(database.uri(),
          scratch.resolve("warehouse").toString());
      try (InProcessService service = InProcessService.start(bootstrap, configuration)) {
        progress.step("service listening on %s", service.uri());
        result = new LoadTest(service, namespace.getInt("clients"), namespace.getInt("seconds"), progress).run();
      }
    } finally {
      BenchScratch.delete(scratch);
    }
    String section = result.markdown(date, loadAtStart);
    System.out.println(section);
    String output = namespace.getString("output");
    if (output != null) {
      BenchmarksFile.append(Path.of(output), section);
      progress.step("appended the section to %s", Path.of(output).toAbsolutePath());
    }
    if (!result.passed()) {
      throw new IllegalStateException("Load test failed: " + result.failureSummary());
    }
  }
}
