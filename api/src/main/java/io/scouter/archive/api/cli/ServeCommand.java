package io.scouter.archive.api.cli;

import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ServerCommand;
import net.sourceforge.argparse4j.inf.Namespace;

/** Dropwizard's {@code server} command, reporting operator errors as one clear line. */
public final class ServeCommand<T extends Configuration> extends ServerCommand<T> {
  public ServeCommand(Application<T> application) {
    super(application);
  }

  @Override
  public void onError(Cli cli, Namespace namespace, Throwable failure) {
    StartupFailure.operatorMessage(failure).ifPresentOrElse(
        message -> cli.getStdErr().println("Cannot start scouter-archive: " + message),
        () -> super.onError(cli, namespace, failure));
  }
}
