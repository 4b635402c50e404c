package io.scouter.archive.catalog.hotstore.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the cluster's {@code pg_hba.conf} before every start: scram-sha-256 for the Unix socket
 * and for loopback TCP, nothing else. Rewritten each time (not only at initdb) so that a cluster
 * created by an older version with {@code trust} is locked down on its next start.
 */
final class ClientAuthentication {
  static final String FILE = "pg_hba.conf";
  static final String RULES = """
      # Written by Scouter Archive at every start; edits are overwritten.
      # TYPE  DATABASE  USER  ADDRESS       METHOD
      local   all       all                 scram-sha-256
      host    all       all   127.0.0.1/32  scram-sha-256
      host    all       all   ::1/128       scram-sha-256
      """;

  private ClientAuthentication() {}

  static void write(Path dataDirectory) throws IOException {
    Files.writeString(dataDirectory.resolve(FILE), RULES, StandardCharsets.UTF_8);
  }
}
