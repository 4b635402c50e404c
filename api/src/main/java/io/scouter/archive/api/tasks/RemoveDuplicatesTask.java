package io.scouter.archive.api.tasks;

import io.dropwizard.servlets.tasks.Task;
import io.scouter.archive.archiver.duplicates.DuplicateRemovalResult;
import io.scouter.archive.archiver.duplicates.DuplicateRemover;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /tasks/remove-duplicates} on the admin port: rewrites away record keys the archive holds
 * more than once (left by versions before ingestion checked the archive); answers when done, per table.
 */
public final class RemoveDuplicatesTask extends Task {
  private final DuplicateRemover remover;

  public RemoveDuplicatesTask(DuplicateRemover remover) {
    super("remove-duplicates");
    this.remover = remover;
  }

  @Override
  public void execute(Map<String, List<String>> parameters, PrintWriter output) {
    DuplicateRemovalResult result = remover.removeDuplicates();
    output.print(result.summary());
  }
}
