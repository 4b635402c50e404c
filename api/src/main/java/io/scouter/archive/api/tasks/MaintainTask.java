package io.scouter.archive.api.tasks;

import io.dropwizard.servlets.tasks.Task;
import io.scouter.archive.archiver.maintenance.ArchiveMaintainer;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** {@code POST /tasks/maintain} on the admin port: one maintenance pass now; answers when done, with a summary. */
public final class MaintainTask extends Task {
  private final ArchiveMaintainer maintainer;

  public MaintainTask(ArchiveMaintainer maintainer) {
    super("maintain");
    this.maintainer = maintainer;
  }

  @Override
  public void execute(Map<String, List<String>> parameters, PrintWriter output) {
    output.print(maintainer.maintain().summary());
  }
}
