package io.scouter.archive.api.cli;

import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import io.scouter.archive.api.auth.ApiKeys;
import io.scouter.archive.api.auth.GeneratedKey;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code java -jar scouter-archive.jar api-key --name ci --roles ingest+read}: prints a new random
 * key (give it to the client) and its {@code SCOUTER_API_KEYS} entry (give that to the service).
 * The service never needs the key itself, only the entry with its hash.
 */
public final class ApiKeyCommand extends Command {
  public ApiKeyCommand() {
    super("api-key", "Generates an API key and the SCOUTER_API_KEYS entry (with its SHA-256) for it");
  }

  @Override
  public void configure(Subparser subparser) {
    subparser.addArgument("--name").required(true).help("a name for the key, shown in logs and 403 answers");
    subparser.addArgument("--roles").setDefault("read").help("roles joined with +: ingest, read, admin");
  }

  @Override
  public void run(Bootstrap<?> bootstrap, Namespace namespace) {
    String key = GeneratedKey.newKey();
    String entry = namespace.getString("name") + ":" + ApiKeys.hashHex(key) + ":" + namespace.getString("roles");
    ApiKeys.parse(entry); // refuses a bad name or role before anything is printed
    System.out.println("key (for the client, shown once): " + key);
    System.out.println("entry (for SCOUTER_API_KEYS, comma-separated with others): " + entry);
  }
}
