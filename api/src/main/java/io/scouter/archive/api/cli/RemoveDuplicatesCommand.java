package io.scouter.archive.api.cli;

import io.dropwizard.core.setup.Environment;
import io.scouter.archive.api.config.ScouterArchiveConfiguration;
import io.scouter.archive.api.core.ArchiveService;
import io.scouter.archive.archiver.duplicates.DuplicateRemovalResult;
import io.scouter.archive.archiver.duplicates.DuplicateRemover;
import io.scouter.archive.archiver.duplicates.RemovalStep;

/**
 * {@code java -jar scouter-archive.jar remove-duplicates config.yml}: the duplicate removal for
 * operators, with the server's configuration; prints what it did per table and exits non-zero unless
 * every table ended with each key once.
 */
public final class RemoveDuplicatesCommand extends OperatorCommand {
  public RemoveDuplicatesCommand() {
    super("remove-duplicates", "Rewrites away record keys the archive holds more than once", "remove duplicates");
  }

  @Override
  Outcome runOnce(ArchiveService service, ScouterArchiveConfiguration configuration, Environment environment) {
    DuplicateRemovalResult result = new DuplicateRemover(service.hotStore().dataSource(), service.catalog(),
        RemovalStep.Faults.NONE).removeDuplicates();
    return new Outcome(result.summary(), result.succeeded(), "Duplicate removal did not finish for every table");
  }
}
