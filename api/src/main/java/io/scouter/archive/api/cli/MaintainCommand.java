package io.scouter.archive.api.cli;

import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.scouter.archive.api.config.ScouterArchiveConfiguration;
import io.scouter.archive.api.core.ArchiveService;
import io.scouter.archive.archiver.maintenance.MaintenancePassResult;
import net.sourceforge.argparse4j.inf.Namespace;

/**
 * {@code java -jar scouter-archive.jar maintain config.yml}: one maintenance pass for operators, with
 * the same configuration as the server; prints the summary and exits non-zero when a table failed.
 */
public final class MaintainCommand extends ConfiguredCommand<ScouterArchiveConfiguration> {
  public MaintainCommand() {
    super("maintain", "Runs one table-maintenance pass now (compaction, expiry, orphan cleanup) and prints it");
  }

  @Override
  protected void run(Bootstrap<ScouterArchiveConfiguration> bootstrap, Namespace namespace,
      ScouterArchiveConfiguration configuration) throws Exception {
    Environment environment = new Environment(bootstrap.getApplication().getName(), bootstrap.getObjectMapper(),
        bootstrap.getValidatorFactory(), bootstrap.getMetricRegistry(), bootstrap.getClassLoader(),
        bootstrap.getHealthCheckRegistry(), configuration);
    try {
      ArchiveService service = ArchiveService.build(configuration, environment);
      MaintenancePassResult result = configuration.maintenance().maintainer(service, environment).maintain();
      System.out.print(result.summary());
      if (!result.succeeded()) {
        throw new IllegalStateException("Maintenance pass " + result.passId() + " failed for at least one table");
      }
    } finally {
      ArchiveService.stopManaged(environment);
    }
  }

  @Override
  public void onError(io.dropwizard.core.cli.Cli cli, Namespace namespace, Throwable failure) {
    StartupFailure.operatorMessage(failure).ifPresentOrElse(
        message -> cli.getStdErr().println("Cannot maintain: " + message),
        () -> cli.getStdErr().println("Cannot maintain: " + failure.getMessage()));
  }
}
