package io.scouter.archive.bench;

import io.dropwizard.core.setup.Bootstrap;
import io.scouter.archive.api.ScouterArchiveApplication;
import io.scouter.archive.api.config.ScouterArchiveConfiguration;
import io.scouter.archive.api.core.ArchiveService;
import io.scouter.archive.api.query.ArrowReadTuning;

/**
 * The service with one more command, {@code bench}: {@code java -jar bench/target/scouter-archive-bench.jar
 * bench}. It lives in its own jar so that the service jar ships without the benchmark. Each
 * {@link #run} it sees (the benchmark starts the service once) leaves the assembled parts here.
 */
public final class BenchApplication extends ScouterArchiveApplication {
  private volatile ArchiveService assembled;

  public static void main(String[] args) throws Exception {
    ArrowReadTuning.apply(); // as the service's main does
    new BenchApplication().run(args);
  }

  @Override
  protected void addCommands(Bootstrap<ScouterArchiveConfiguration> bootstrap) {
    bootstrap.addCommand(new BenchCommand());
    bootstrap.addCommand(new LoadTestCommand());
  }

  @Override
  protected void assembled(ArchiveService service) {
    this.assembled = service;
  }

  /** The parts of the last {@code run}: the routes' own pool, catalog and archiver. */
  ArchiveService lastAssembled() {
    if (assembled == null) {
      throw new IllegalStateException("The service has not been assembled");
    }
    return assembled;
  }
}
