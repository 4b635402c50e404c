package io.scouter.archive.api.cli;

import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.scouter.archive.api.config.ScouterArchiveConfiguration;
import io.scouter.archive.api.core.ArchiveService;
import io.scouter.archive.archiver.ArchivePassResult;
import net.sourceforge.argparse4j.inf.Namespace;

/**
 * {@code java -jar scouter-archive.jar archive config.yml}: one archive pass for operators, with the
 * same configuration as the server; prints the summary and exits non-zero when a table failed.
 */
public final class ArchiveCommand extends ConfiguredCommand<ScouterArchiveConfiguration> {
  public ArchiveCommand() {
    super("archive", "Runs one archive pass now and prints what it did");
  }

  @Override
  protected void run(Bootstrap<ScouterArchiveConfiguration> bootstrap, Namespace namespace,
      ScouterArchiveConfiguration configuration) throws Exception {
    Environment environment = new Environment(bootstrap.getApplication().getName(), bootstrap.getObjectMapper(),
        bootstrap.getValidatorFactory(), bootstrap.getMetricRegistry(), bootstrap.getClassLoader(),
        bootstrap.getHealthCheckRegistry(), configuration);
    try {
      ArchiveService service = ArchiveService.build(configuration, environment);
      ArchivePassResult result = service.archiver().archive();
      System.out.print(result.summary());
      if (!result.succeeded()) {
        throw new IllegalStateException("Archive pass " + result.passId() + " failed for at least one table");
      }
    } finally {
      ArchiveService.stopManaged(environment);
    }
  }

  @Override
  public void onError(io.dropwizard.core.cli.Cli cli, Namespace namespace, Throwable failure) {
    StartupFailure.operatorMessage(failure).ifPresentOrElse(
        message -> cli.getStdErr().println("Cannot archive: " + message),
        () -> cli.getStdErr().println("Cannot archive: " + failure.getMessage()));
  }
}
