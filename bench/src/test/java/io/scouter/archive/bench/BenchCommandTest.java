package io.scouter.archive.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import io.scouter.archive.api.config.ScouterArchiveConfiguration;
import io.scouter.archive.catalog.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The README's benchmark command, end to end on a day of data: every step runs against the real
 * service (which now asks for API keys, and whose configuration must validate) and every table is
 * printed. Nothing here judges the figures; it keeps the command from breaking unnoticed.
 */
class BenchCommandTest {

  @Test
  void theBenchCommandRunsEveryStepAndPrintsEveryTable() throws Exception {
    BenchApplication application = new BenchApplication();
    Bootstrap<ScouterArchiveConfiguration> bootstrap = new Bootstrap<>(application);
    bootstrap.addCommand(new BenchCommand());
    application.initialize(bootstrap);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    Optional<Throwable> failure;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      failure = new Cli(new JarLocation(BenchApplication.class), bootstrap, out, err).run("bench", "--days", "1",
          "--runs", "1", "--warmup", "0", "--scale", "2", "--ingest-seconds", "1", "--ingest-batch", "10",
          "--output", "none", "--database-uri", TestDatabases.freshDatabaseUri("bench_command"));
    } finally {
      System.setOut(stdout);
    }
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(failure).as(err.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(printed).contains("(a) Archive throughput", "pair by pair", "(b) Binned-metric latency", "(h) Our routes against",
        "(j) Where the time goes", "(c) Pruning", "(d) Heap", "(e) Archive size", "(f) Ingestion", "(g) Ingestion of old",
        "Targets", "table maintenance after late arrivals").doesNotContain("error:");
  }
}
