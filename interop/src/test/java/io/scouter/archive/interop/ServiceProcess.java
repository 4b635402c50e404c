package io.scouter.archive.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real service, started from its shaded jar ({@code api/target/scouter-archive.jar}) with the
 * repository's {@code config.yml} and environment variables only, as a user runs it: an embedded
 * PostgreSQL on a known port, a local warehouse, the archiver's schedule off (passes are started
 * with {@code POST /tasks/archive}). A separate process also keeps the service's Iceberg and
 * Jackson apart from Spark's shaded Iceberg runtime, which would clash on one classpath.
 */
final class ServiceProcess implements AutoCloseable {
  private static final Duration STARTUP = Duration.ofMinutes(4);

  final int port;
  final int adminPort;
  final int databasePort;
  final Path warehouse;
  private final Path workDirectory;
  private final Process process;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private ServiceProcess(int port, int adminPort, int databasePort, Path warehouse, Path workDirectory,
      Process process) {
    this.port = port;
    this.adminPort = adminPort;
    this.databasePort = databasePort;
    this.warehouse = warehouse;
    this.workDirectory = workDirectory;
    this.process = process;
  }

  /** Starts the service in {@code workDirectory} and waits until it answers. */
  static ServiceProcess start(Path workDirectory) throws IOException, InterruptedException {
    Path jar = Path.of(System.getProperty("scouter.service.jar", "../api/target/scouter-archive.jar"));
    Path config = Path.of(System.getProperty("scouter.service.config", "../config.yml"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("No service jar at " + jar.toAbsolutePath()
          + ": build it first (mvn -B -pl interop -am verify builds api's jar before these tests)");
    }
    Files.createDirectories(workDirectory);
    Path warehouse = workDirectory.resolve("warehouse");
    int port = freePort();
    int adminPort = freePort();
    int databasePort = freePort();
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx768m", "-jar", jar.toAbsolutePath().toString(), "server", config.toAbsolutePath().toString()));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDirectory.toFile())
        .redirectErrorStream(true).redirectOutput(workDirectory.resolve("service.log").toFile());
    Map<String, String> environment = builder.environment();
    environment.put("SCOUTER_PORT", String.valueOf(port));
    environment.put("SCOUTER_ADMIN_PORT", String.valueOf(adminPort));
    environment.put("SCOUTER_EMBEDDED_PORT", String.valueOf(databasePort));
    environment.put("SCOUTER_EMBEDDED_DATA_DIR", workDirectory.resolve("pg-data").toString());
    environment.put("SCOUTER_STORAGE_URI", warehouse.toString());
    environment.put("DATA_RETENTION_PERIOD", "1");
    environment.put("ARCHIVE_ENABLED", "false");
    ServiceProcess service = new ServiceProcess(port, adminPort, databasePort, warehouse, workDirectory, builder.start());
    service.awaitReady(workDirectory.resolve("service.log"));
    return service;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private void awaitReady(Path log) throws InterruptedException, IOException {
    Instant deadline = Instant.now().plus(STARTUP);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("The service exited with " + process.exitValue() + ":\n" + Files.readString(log));
      }
      try {
        // Up once the routes answer; before the first key is read, that answer is 401.
        int status = http.send(HttpRequest.newBuilder(URI.create(baseUri() + "/iceberg/v1/config"))
            .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status == 200 || status == 401) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    close();
    throw new IllegalStateException("The service did not answer within " + STARTUP + ":\n" + Files.readString(log));
  }

  String baseUri() {
    return "http://127.0.0.1:" + port;
  }

  /** The JDBC catalog's URI as the README tells engines: embedded database, user postgres, schema iceberg. */
  String catalogJdbcUri() {
    return "jdbc:postgresql://127.0.0.1:" + databasePort + "/postgres?currentSchema=iceberg";
  }

  /** The admin key the service generated at its first start (README, "Security"), as a user reads it. */
  String apiKey() {
    return readTrimmed(workDirectory.resolve("scouter-api-key"));
  }

  /** The embedded PostgreSQL's superuser password, from the 0600 file in its data directory. */
  String databasePassword() {
    return readTrimmed(workDirectory.resolve("pg-data").resolve("scouter-superuser.secret"));
  }

  private static String readTrimmed(Path file) {
    try {
      return Files.readString(file).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  String hotStoreJdbcUri() {
    return "jdbc:postgresql://127.0.0.1:" + databasePort + "/postgres";
  }

  HttpResponse<String> get(String uri) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofMinutes(2))
            .header("Authorization", "Bearer " + apiKey()).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  String getOk(String path) throws IOException, InterruptedException {
    HttpResponse<String> response = get(baseUri() + path);
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  void postDrift(String json) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUri() + "/scouter/drift"))
        .timeout(Duration.ofMinutes(2)).header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + apiKey())
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("Ingestion answered " + response.statusCode() + ": " + response.body());
    }
  }

  /** One archiver pass through the admin task, which runs it before answering. */
  String archivePass() throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/tasks/archive"))
            .timeout(Duration.ofMinutes(5)).header("Authorization", "Bearer " + apiKey())
            .POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("The archive task answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  static void deleteQuietly(Path directory) {
    try (var paths = Files.walk(directory)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // best effort: the directory is under target/
    }
  }
}
