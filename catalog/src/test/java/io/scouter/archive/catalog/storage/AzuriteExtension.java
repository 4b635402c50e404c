package io.scouter.archive.catalog.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs Azurite's blob service (from the project's npm-installed emulators) as a child process for
 * one test class. A missing install fails the tests: a skipped storage test would hide a broken
 * setup.
 *
 * <p>The emulators folder comes from the system property {@code scouter.emulators.dir} (set by
 * surefire), node from {@code scouter.node} or the PATH.
 */
final class AzuriteExtension implements BeforeAllCallback, AfterAllCallback {
  static final String ACCOUNT = "devstoreaccount1";
  /** Azurite's published development key; not a secret. */
  static final String ACCOUNT_KEY =
      "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
  private static final String MAIN = "node_modules/azurite/dist/src/blob/main.js";

  private final Path emulators;
  private Process process;
  private Path log;
  private int port;

  AzuriteExtension() {
    this(Path.of(System.getProperty("scouter.emulators.dir", "emulators")));
  }

  AzuriteExtension(Path emulators) {
    this.emulators = emulators.toAbsolutePath();
  }

  String endpoint() {
    return "http://127.0.0.1:" + port + "/" + ACCOUNT;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    Path main = emulators.resolve(MAIN);
    if (!Files.isRegularFile(main)) {
      throw new IllegalStateException(String.format(
          "Cannot start Azurite: %s is missing. Install the test emulators with: npm ci --prefix %s",
          main, emulators));
    }
    port = freePort();
    log = Files.createTempFile("azurite-", ".log");
    List<String> command = List.of(
        System.getProperty("scouter.node", "node"), main.toString(),
        "--blobHost", "127.0.0.1", "--blobPort", Integer.toString(port),
        "--skipApiVersionCheck", "--disableTelemetry", "--loose", "--silent",
        "--inMemoryPersistence");
    try {
      process = new ProcessBuilder(command)
          .directory(emulators.toFile())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "Cannot start Azurite: node is not runnable (install Node.js 20+ or set -Dscouter.node)", e);
    }
    awaitPort();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (process != null) {
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    if (log != null) {
      Files.deleteIfExists(log);
    }
  }

  /** Polls until Azurite accepts connections, failing with its output if it exits first. */
  private void awaitPort() throws InterruptedException {
    Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(String.format(
            "Cannot start Azurite: it exited with code %d: %s", process.exitValue(), output()));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException(String.format(
        "Cannot start Azurite: port %d did not open within %s: %s", port, STARTUP_TIMEOUT, output()));
  }

  private String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
