package io.scouter.archive.api.readme;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.scouter.archive.api.ScouterArchiveApplication;
import io.scouter.archive.api.config.ScouterArchiveConfiguration;
import io.scouter.archive.catalog.testing.TemporaryDirectories;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the README's five-minute tour, command by command, with bash and curl against the service
 * started from the repository's own {@code config.yml} on the embedded PostgreSQL default, and
 * compares each output with the one the README shows (timestamps masked: they depend on now), so
 * the README cannot rot. Only what a test must change is overridden: free ports, a scratch data
 * directory and warehouse. The commands see the test's environment plus the tour's own variables,
 * with {@code API} and {@code ADMIN} pointed at the free ports.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ReadmeTourTest {
  private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
  private static final Path SCRATCH = TemporaryDirectories.create("scouter-readme-tour-");
  private static final DropwizardAppExtension<ScouterArchiveConfiguration> APP = new DropwizardAppExtension<>(
      ScouterArchiveApplication.class, REPOSITORY.resolve("config.yml").toString(),
      ConfigOverride.config("database.embedded.dataDirectory", SCRATCH.resolve("scouter-data").toString()),
      ConfigOverride.config("database.embedded.port", "0"),
      ConfigOverride.config("auth.keyFile", SCRATCH.resolve("scouter-api-key").toString()),
      ConfigOverride.config("storage.uri", SCRATCH.resolve("scouter-storage").toString()),
      ConfigOverride.config("server.applicationConnectors[0].port", "0"),
      ConfigOverride.config("server.adminConnectors[0].port", "0"));
  private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");

  @Test
  void everyTourCommandPrintsWhatTheReadmeShows() throws Exception {
    ReadmeTour tour = ReadmeTour.read(REPOSITORY.resolve("README.md"));
    assertThat(tour.setup()).contains("API=", "ADMIN=");
    assertThat(tour.steps()).as("SPC, PSI with its profile, custom: posted and read back").hasSizeGreaterThanOrEqualTo(8);

    for (ReadmeTour.Step step : tour.steps()) {
      String output = run(tour.setup() + "API=http://localhost:" + APP.getLocalPort() + "\n"
          + "ADMIN=http://localhost:" + APP.getAdminPort() + "\n" + step.command());
      assertThat(step.expectedOutput()).as("the README shows the output of:\n%s", step.command()).isPresent();
      assertThat(masked(output)).as("output of:\n%s", step.command()).isEqualTo(masked(step.expectedOutput().get()));
    }
  }

  @Test
  void theTourReadsBackTheDataItPosted() throws Exception {
    ReadmeTour tour = ReadmeTour.read(REPOSITORY.resolve("README.md"));
    // Not an empty answer in disguise: every read shows bins, with the values that were posted.
    assertThat(tour.steps()).filteredOn(step -> step.command().contains("/scouter/drift/"))
        .extracting(step -> step.expectedOutput().orElseThrow())
        .anySatisfy(output -> assertThat(output).contains("\"values\":[0.42,0.47]"))
        .anySatisfy(output -> assertThat(output).contains("\"psi\":[").contains("\"bins\":{\"0\""))
        .anySatisfy(output -> assertThat(output).contains("\"avg\":0.12"));
  }

  private static String masked(String text) {
    return TIMESTAMP.matcher(text.strip()).replaceAll("<timestamp>");
  }

  private static String run(String script) throws IOException, InterruptedException {
    Path output = Files.createTempFile(SCRATCH, "step-", ".out");
    Process process = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script)
        .directory(SCRATCH.toFile())
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("Did not finish in 60 s:\n" + script);
    }
    String text = Files.readString(output, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as("exit code of:\n%s\noutput: %s", script, text).isZero();
    return text;
  }
}
