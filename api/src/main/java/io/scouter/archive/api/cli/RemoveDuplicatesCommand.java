package io.scouter.archive.api.cli;

import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.scouter.archive.api.config.ScouterArchiveConfiguration;
import io.scouter.archive.api.core.ArchiveService;
import io.scouter.archive.archiver.duplicates.DuplicateRemovalResult;
import io.scouter.archive.archiver.duplicates.DuplicateRemover;
import io.scouter.archive.archiver.duplicates.RemovalStep;
import net.sourceforge.argparse4j.inf.Namespace;

/**
 * {@code java -jar scouter-archive.jar remove-duplicates config.yml}: the duplicate removal for
 * operators, with the server's configuration; prints what it did per table and exits non-zero unless
 * every table ended with each key once.
 */
public final class RemoveDuplicatesCommand extends ConfiguredCommand<ScouterArchiveConfiguration> {
  public RemoveDuplicatesCommand() {
    super("remove-duplicates", "Rewrites away record keys the archive holds more than once");
  }

  @Override
  protected void run(Bootstrap<ScouterArchiveConfiguration> bootstrap, Namespace namespace,
      ScouterArchiveConfiguration configuration) throws Exception {
    Environment environment = new Environment(bootstrap.getApplication().getName(), bootstrap.getObjectMapper(),
        bootstrap.getValidatorFactory(), bootstrap.getMetricRegistry(), bootstrap.getClassLoader(),
        bootstrap.getHealthCheckRegistry(), configuration);
    try {
      ArchiveService service = ArchiveService.build(configuration, environment);
      DuplicateRemovalResult result = new DuplicateRemover(service.hotStore().dataSource(), service.catalog(),
          RemovalStep.Faults.NONE).removeDuplicates();
      System.out.print(result.summary());
      if (!result.succeeded()) {
        throw new IllegalStateException("Duplicate removal did not finish for every table");
      }
    } finally {
      ArchiveService.stopManaged(environment);
    }
  }
}
