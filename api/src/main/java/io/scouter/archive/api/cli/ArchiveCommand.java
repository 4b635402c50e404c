package io.scouter.archive.api.cli;

import io.dropwizard.core.setup.Environment;
import io.scouter.archive.api.config.ScouterArchiveConfiguration;
import io.scouter.archive.api.core.ArchiveService;
import io.scouter.archive.archiver.ArchivePassResult;

/**
 * {@code java -jar scouter-archive.jar archive config.yml}: one archive pass for operators, with the
 * same configuration as the server; prints the summary and exits non-zero when a table failed.
 */
public final class ArchiveCommand extends OperatorCommand {
  public ArchiveCommand() {
    super("archive", "Runs one archive pass now and prints what it did", "archive");
  }

  @Override
  Outcome runOnce(ArchiveService service, ScouterArchiveConfiguration configuration, Environment environment) {
    ArchivePassResult result = service.archiver().archive();
    return new Outcome(result.summary(), result.succeeded(),
        "Archive pass " + result.passId() + " failed for at least one table");
  }
}
