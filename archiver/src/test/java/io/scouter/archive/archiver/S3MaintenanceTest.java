package io.scouter.archive.archiver;

import static io.scouter.archive.archiver.MaintenanceChecks.rowsAt;
import static io.scouter.archive.archiver.MaintenanceChecks.stateSnapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.scouter.archive.archiver.maintenance.MaintenanceFaults;
import io.scouter.archive.archiver.maintenance.MaintenancePassResult;
import io.scouter.archive.archiver.maintenance.MaintenanceSettings;
import io.scouter.archive.catalog.drift.DriftType;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.iceberg.Table;
import org.apache.iceberg.aws.s3.S3FileIO;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** A whole maintenance pass on S3 (S3Proxy in this JVM): compaction, expiry and orphan listing through S3FileIO. */
class S3MaintenanceTest {
  private static final String ACCESS_KEY = "scouter-test-access";
  private static final String SECRET_KEY = "scouter-test-secret";
  private static final String BUCKET = "scouter-maintenance";

  private static S3Proxy proxy;
  private static String endpoint;

  @BeforeAll
  static void startS3Proxy() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      endpoint = "http://127.0.0.1:" + socket.getLocalPort();
    }
    proxy = S3Proxy.builder()
        .blobStore(new TransientNio2BlobStore())
        .endpoint(URI.create(endpoint))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
        .build();
    proxy.start();
    Instant deadline = Instant.now().plusSeconds(30);
    while (!"STARTED".equals(proxy.getState()) && Instant.now().isBefore(deadline)) {
      Thread.sleep(20);
    }
    try (S3Client s3 = S3Client.builder()
        .endpointOverride(URI.create(endpoint))
        .region(Region.EU_CENTRAL_1)
        .forcePathStyle(true)
        .httpClient(Apache5HttpClient.create())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .build()) {
      s3.createBucket(request -> request.bucket(BUCKET));
    }
    System.setProperty("aws.accessKeyId", ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", SECRET_KEY);
  }

  @AfterAll
  static void stopS3Proxy() throws Exception {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
    if (proxy != null) {
      proxy.stop();
    }
  }

  @Test
  void aPassOnS3CompactsKeepsEveryRowAndRemovesOnlyOldOrphans() throws Exception {
    Map<String, String> storage = Map.of(
        "SCOUTER_STORAGE_URI", "s3://" + BUCKET + "/warehouse",
        "SCOUTER_S3_ENDPOINT", endpoint,
        "SCOUTER_S3_PATH_STYLE", "true",
        "AWS_REGION", "eu-central-1");
    try (ArchiveFixture fixture = new ArchiveFixture("maint_s3", storage)) {
      Table spc = fixture.catalog.table(DriftType.SPC);
      assertThat(spc.io()).isInstanceOf(S3FileIO.class);
      MaintenanceChecks.archiveLateArrivals(fixture, new Random(61), 3, 30);
      Map<DriftType, List<String>> before = new EnumMap<>(DriftType.class);
      for (DriftType type : DriftType.values()) {
        before.put(type, rowsAt(fixture.catalog.table(type), type, stateSnapshot(fixture, type)));
      }
      String stray = spc.location() + "/data/stray-orphan.parquet";
      try (OutputStream out = spc.io().newOutputFile(stray).create()) {
        out.write(new byte[] {1, 2, 3});
      }

      MaintenancePassResult now = MaintenanceChecks.maintainer(fixture, Instant.now(), MaintenanceSettings.defaults(),
          MaintenanceFaults.NONE).maintain();
      assertThat(now.succeeded()).as(now.summary()).isTrue();
      assertThat(MaintenanceChecks.filesUnder(spc)).as("younger than the margin").contains(stray);

      MaintenancePassResult later = MaintenanceChecks.maintainer(fixture, Instant.now().plus(Duration.ofDays(4)),
          MaintenanceSettings.defaults(), MaintenanceFaults.NONE).maintain();
      assertThat(later.succeeded()).as(later.summary()).isTrue();
      for (DriftType type : DriftType.values()) {
        Table table = fixture.catalog.table(type);
        assertThat(MaintenanceChecks.smallFilesPerPartition(table, MaintenanceSettings.DEFAULT_TARGET_FILE_SIZE_BYTES)
            .values()).allSatisfy(count -> assertThat(count).isOne());
        assertThat(rowsAt(table, type, stateSnapshot(fixture, type))).containsExactlyInAnyOrderElementsOf(before.get(type));
        assertThat(MaintenanceChecks.referencedFiles(table))
            .containsExactlyInAnyOrderElementsOf(MaintenanceChecks.filesUnder(table));
      }
      fixture.assertEveryRowInExactlyOnePlace();
    }
  }
}
