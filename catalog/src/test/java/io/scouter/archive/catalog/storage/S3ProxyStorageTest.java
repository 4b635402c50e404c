package io.scouter.archive.catalog.storage;

import io.scouter.archive.catalog.iceberg.ArchiveCatalog;
import io.scouter.archive.catalog.iceberg.CatalogSettings;
import io.scouter.archive.catalog.settings.DatabaseUri;
import io.scouter.archive.catalog.testing.TestDatabases;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.iceberg.aws.s3.S3FileIO;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * S3 through S3Proxy (in-memory backend) in this JVM, with AWS request signing. The credentials
 * reach S3FileIO through the AWS default chain (its system-property step), as real ones would.
 */
class S3ProxyStorageTest {
  private static final String ACCESS_KEY = "scouter-test-access";
  private static final String SECRET_KEY = "scouter-test-secret";
  private static final String BUCKET = "scouter-archive";
  private static final String REGION = "eu-central-1";

  private static S3Proxy proxy;
  private static S3Client s3;
  private static String endpoint;

  private final DatabaseUri catalogDatabase = TestDatabases.freshDatabase("catalog");

  @BeforeAll
  static void startS3Proxy() throws Exception {
    endpoint = "http://127.0.0.1:" + AzuriteExtension.freePort();
    proxy = S3Proxy.builder()
        .blobStore(new TransientNio2BlobStore())
        .endpoint(URI.create(endpoint))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
        .build();
    proxy.start();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (!"STARTED".equals(proxy.getState()) && Instant.now().isBefore(deadline)) {
      Thread.sleep(20);
    }
    assertThat(proxy.getState()).isEqualTo("STARTED");
    s3 = S3Client.builder()
        .endpointOverride(URI.create(endpoint))
        .region(Region.of(REGION))
        .forcePathStyle(true)
        .httpClient(Apache5HttpClient.create())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .build();
    s3.createBucket(request -> request.bucket(BUCKET));
    System.setProperty("aws.accessKeyId", ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", SECRET_KEY);
  }

  @AfterAll
  static void stopS3Proxy() throws Exception {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
    if (s3 != null) {
      s3.close();
    }
    if (proxy != null) {
      proxy.stop();
    }
  }

  @Test
  void writesReadsAndListsParquetUnderThePrefix() throws Exception {
    StorageSettings settings = StorageSettings.fromEnvironment(Map.of(
        "SCOUTER_STORAGE_URI", "s3://" + BUCKET + "/warehouse/s3-test",
        "SCOUTER_S3_ENDPOINT", endpoint,
        "SCOUTER_S3_PATH_STYLE", "true",
        "AWS_REGION", REGION));
    FileIOFactory factory = new FileIOFactory();
    try (FileIO io = factory.create(settings)) {
      assertThat(io).isInstanceOf(S3FileIO.class);
    }

    Map<String, String> engineProperties = RoundTrip.writeReadAndCheck(catalogDatabase, settings, factory,
        () -> list("warehouse/s3-test/"));
    RoundTrip.readAsExternalEngine(catalogDatabase, engineProperties);
  }

  @Test
  void wrongCredentialsMakeTheProbeReportTheStoresRefusal() throws Exception {
    StorageSettings settings = StorageSettings.fromEnvironment(Map.of(
        "SCOUTER_STORAGE_URI", "s3://" + BUCKET + "/warehouse/wrong-credentials",
        "SCOUTER_S3_ENDPOINT", endpoint,
        "SCOUTER_S3_PATH_STYLE", "true",
        "AWS_REGION", REGION));
    System.setProperty("aws.secretAccessKey", "not-the-secret");
    try (ArchiveCatalog catalog = ArchiveCatalog.open(CatalogSettings.parse(null), catalogDatabase, settings,
        new FileIOFactory())) {
      assertThat(catalog.probe()).hasValueSatisfying(problem -> assertThat(problem)
          .startsWith("Cannot reach the archive: ")
          .containsIgnoringCase("signature"));
    } finally {
      System.setProperty("aws.secretAccessKey", SECRET_KEY);
    }
  }

  private static List<String> list(String prefix) {
    return s3.listObjectsV2Paginator(request -> request.bucket(BUCKET).prefix(prefix)).contents().stream()
        .map(S3Object::key)
        .map(key -> "s3://" + BUCKET + "/" + key)
        .collect(Collectors.toList());
  }
}
