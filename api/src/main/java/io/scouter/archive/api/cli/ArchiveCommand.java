package io.scouter.archive.api.cli;

import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.scouter.archive.api.config.ScouterArchiveConfiguration;
import io.scouter.archive.api.core.ArchiveService;
import io.scouter.archive.archiver.ArchivePassResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.sourceforge.argparse4j.inf.Namespace;
import org.eclipse.jetty.util.component.LifeCycle;

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
      stopAll(environment);
    }
  }

  /**
   * Stops what the build registered, newest first, so the embedded server (registered first) stops
   * last. Nothing runs a Jetty lifecycle here, so each is started (a no-op for ours) to be stoppable.
   */
  private static void stopAll(Environment environment) throws Exception {
    List<LifeCycle> managed = new ArrayList<>(environment.lifecycle().getManagedObjects());
    Collections.reverse(managed);
    for (LifeCycle lifeCycle : managed) {
      if (!lifeCycle.isStarted()) {
        lifeCycle.start();
      }
      lifeCycle.stop();
    }
  }

  @Override
  public void onError(io.dropwizard.core.cli.Cli cli, Namespace namespace, Throwable failure) {
    StartupFailure.operatorMessage(failure).ifPresentOrElse(
        message -> cli.getStdErr().println("Cannot archive: " + message),
        () -> cli.getStdErr().println("Cannot archive: " + failure.getMessage()));
  }
}
