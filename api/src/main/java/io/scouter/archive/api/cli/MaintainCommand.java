package io.scouter.archive.api.cli;

import io.dropwizard.core.setup.Environment;
import io.scouter.archive.api.config.ScouterArchiveConfiguration;
import io.scouter.archive.api.core.ArchiveService;
import io.scouter.archive.archiver.maintenance.MaintenancePassResult;

/**
 * {@code java -jar scouter-archive.jar maintain config.yml}: one maintenance pass for operators, with
 * the same configuration as the server; prints the summary and exits non-zero when a table failed.
 */
public final class MaintainCommand extends OperatorCommand {
  public MaintainCommand() {
    super("maintain", "Runs one table-maintenance pass now (compaction, expiry, orphan cleanup) and prints it",
        "maintain");
  }

  @Override
  Outcome runOnce(ArchiveService service, ScouterArchiveConfiguration configuration, Environment environment) {
    MaintenancePassResult result = service.maintainer(configuration.maintenance().settings(), environment.metrics()).maintain();
    return new Outcome(result.summary(), result.succeeded(),
        "Maintenance pass " + result.passId() + " failed for at least one table");
  }
}
