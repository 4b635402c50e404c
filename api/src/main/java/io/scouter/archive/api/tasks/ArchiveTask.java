package io.scouter.archive.api.tasks;

import io.dropwizard.servlets.tasks.Task;
import io.scouter.archive.archiver.ArchivePassResult;
import io.scouter.archive.archiver.DataArchiver;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** {@code POST /tasks/archive} on the admin port: one pass now; answers when it is done, with a summary. */
public final class ArchiveTask extends Task {
  private final DataArchiver archiver;

  public ArchiveTask(DataArchiver archiver) {
    super("archive");
    this.archiver = archiver;
  }

  @Override
  public void execute(Map<String, List<String>> parameters, PrintWriter output) {
    ArchivePassResult result = archiver.archive();
    output.print(result.summary());
  }
}
