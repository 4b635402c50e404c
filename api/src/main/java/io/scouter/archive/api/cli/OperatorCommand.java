package io.scouter.archive.api.cli;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.scouter.archive.api.config.ScouterArchiveConfiguration;
import io.scouter.archive.api.core.ArchiveService;
import net.sourceforge.argparse4j.inf.Namespace;

/**
 * A one-shot command for operators ({@code archive}, {@code maintain}, {@code remove-duplicates}):
 * assembles the service from the server's configuration without starting Jetty, runs one job,
 * prints its summary, stops everything it started and exits non-zero when the job failed.
 */
abstract class OperatorCommand extends ConfiguredCommand<ScouterArchiveConfiguration> {
  /** What one job did: its printed summary, and the failure to exit with, if any. */
  record Outcome(String summary, boolean succeeded, String failure) {}

  private final String verb;

  OperatorCommand(String name, String description, String verb) {
    super(name, description);
    this.verb = verb;
  }

  abstract Outcome runOnce(ArchiveService service, ScouterArchiveConfiguration configuration,
      Environment environment) throws Exception;

  @Override
  protected final void run(Bootstrap<ScouterArchiveConfiguration> bootstrap, Namespace namespace,
      ScouterArchiveConfiguration configuration) throws Exception {
    Environment environment = new Environment(bootstrap.getApplication().getName(), bootstrap.getObjectMapper(),
        bootstrap.getValidatorFactory(), bootstrap.getMetricRegistry(), bootstrap.getClassLoader(),
        bootstrap.getHealthCheckRegistry(), configuration);
    try {
      Outcome outcome = runOnce(ArchiveService.build(configuration, environment), configuration, environment);
      System.out.print(outcome.summary());
      if (!outcome.succeeded()) {
        throw new IllegalStateException(outcome.failure());
      }
    } finally {
      ArchiveService.stopManaged(environment);
    }
  }

  @Override
  public void onError(Cli cli, Namespace namespace, Throwable failure) {
    cli.getStdErr().println("Cannot " + verb + ": "
        + StartupFailure.operatorMessage(failure).orElseGet(failure::getMessage));
  }
}
