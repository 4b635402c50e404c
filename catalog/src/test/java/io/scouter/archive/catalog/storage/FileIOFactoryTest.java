package io.scouter.archive.catalog.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.google.auth.oauth2.ServiceAccountCredentials;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.apache.iceberg.aws.s3.S3FileIO;
import org.apache.iceberg.azure.adlsv2.ADLSFileIO;
import org.apache.iceberg.gcp.gcs.GCSFileIO;

import org.apache.iceberg.io.FileIO;
import org.junit.jupiter.api.Test;

class FileIOFactoryTest {
  private static final String KEY = "c2VjcmV0LWFjY291bnQta2V5LXZhbHVlLTEyMzQ1Njc4OTA=";
  private final FileIOFactory factory = new FileIOFactory();

  private static StorageSettings read(String... keyValues) {
    Map<String, String> environment = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      environment.put(keyValues[i], keyValues[i + 1]);
    }
    return StorageSettings.fromEnvironment(environment, Path.of("/srv/scouter"));
  }

  /**
   * Each storage type has a FileIO of its own: a type that fell through to a default branch would
   * share LocalFileIO with LOCAL. A new type must add its sample here for the test to pass.
   */
  @Test
  void everyStorageTypeGetsItsOwnFileIO() {
    Map<StorageType, StorageSettings> samples = new EnumMap<>(StorageType.class);
    samples.put(StorageType.LOCAL, read("SCOUTER_STORAGE_URI", "/var/lib/scouter/wh"));
    samples.put(StorageType.S3, read("SCOUTER_STORAGE_URI", "s3://bucket/wh"));
    samples.put(StorageType.GCS, read("SCOUTER_STORAGE_URI", "gs://bucket/wh"));
    samples.put(StorageType.AZURE, read("SCOUTER_STORAGE_URI", "az://container/wh",
        "AZURE_STORAGE_ACCOUNT_NAME", "account"));
    assertThat(samples.keySet()).containsExactlyInAnyOrder(StorageType.values());
    Map<StorageType, String> fileIo = new EnumMap<>(StorageType.class);
    samples.forEach((type, settings) -> {
      assertThat(settings.type()).isEqualTo(type);
      fileIo.put(type, factory.catalogProperties(settings).get("io-impl"));
    });
    assertThat(fileIo.values()).doesNotHaveDuplicates();
    assertThat(fileIo).containsEntry(StorageType.LOCAL, LocalFileIO.class.getName())
        .containsEntry(StorageType.S3, S3FileIO.class.getName())
        .containsEntry(StorageType.GCS, GCSFileIO.class.getName())
        .containsEntry(StorageType.AZURE, ADLSFileIO.class.getName());
  }

  @Test
  void localUsesLocalFileIO() {
    StorageSettings settings = read("SCOUTER_STORAGE_URI", "/var/lib/scouter/wh");
    assertThat(factory.catalogProperties(settings)).containsExactly(
        entry("warehouse", "file:/var/lib/scouter/wh"),
        entry("io-impl", "io.scouter.archive.catalog.storage.LocalFileIO"));
    try (FileIO io = factory.create(settings)) {
      assertThat(io).isInstanceOf(LocalFileIO.class);
    }
  }

  @Test
  void s3Properties() {
    StorageSettings settings = read("SCOUTER_STORAGE_URI", "s3://bucket/wh", "AWS_REGION", "eu-west-3",
        "SCOUTER_S3_ENDPOINT", "http://minio:9000", "SCOUTER_S3_PATH_STYLE", "true");
    Map<String, String> properties = factory.catalogProperties(settings);
    assertThat(properties).containsExactly(
        entry("warehouse", "s3://bucket/wh"),
        entry("io-impl", "org.apache.iceberg.aws.s3.S3FileIO"),
        entry("client.region", "eu-west-3"),
        entry("s3.endpoint", "http://minio:9000"),
        entry("s3.path-style-access", "true"));
    try (FileIO io = factory.create(settings)) {
      assertThat(io).isInstanceOf(S3FileIO.class);
      assertThat(io.properties()).containsAllEntriesOf(properties);
    }
  }

  @Test
  void s3DefaultProperties() {
    assertThat(factory.catalogProperties(read("SCOUTER_STORAGE_URI", "s3://bucket"))).containsExactly(
        entry("warehouse", "s3://bucket"),
        entry("io-impl", "org.apache.iceberg.aws.s3.S3FileIO"),
        entry("client.region", "us-east-1"),
        entry("s3.path-style-access", "false"));
  }

  @Test
  void gcsWithApplicationDefaultCredentials() {
    StorageSettings settings = read("SCOUTER_STORAGE_URI", "gs://bucket/wh");
    assertThat(factory.catalogProperties(settings)).containsExactly(
        entry("warehouse", "gs://bucket/wh"),
        entry("io-impl", "org.apache.iceberg.gcp.gcs.GCSFileIO"));
    // no client is built here: ADC would look for a metadata server
    try (FileIO io = factory.create(settings)) {
      assertThat(io).isInstanceOf(GCSFileIO.class);
    }
  }

  @Test
  void gcsServiceAccountKeyReachesTheClientButNotTheProperties() {
    String json = ServiceAccountKeys.json("scouter-prod", "archiver@scouter-prod.iam.gserviceaccount.com");
    StorageSettings settings = read("SCOUTER_STORAGE_URI", "gs://bucket/wh",
        "GOOGLE_ACCOUNT_JSON_BASE64", ServiceAccountKeys.base64(json));
    Map<String, String> properties = factory.catalogProperties(settings);
    assertThat(properties).containsExactly(
        entry("warehouse", "gs://bucket/wh"),
        entry("io-impl", "org.apache.iceberg.gcp.gcs.GCSFileIO"),
        entry("gcs.project-id", "scouter-prod"));
    try (GCSFileIO io = (GCSFileIO) factory.create(settings)) {
      // building the client makes no request
      assertThat(io.client().getOptions().getCredentials())
          .isInstanceOfSatisfying(ServiceAccountCredentials.class, credentials ->
              assertThat(credentials.getClientEmail()).isEqualTo("archiver@scouter-prod.iam.gserviceaccount.com"));
      assertThat(io.client().getOptions().getProjectId()).isEqualTo("scouter-prod");
    }
  }

  @Test
  void azureWithDefaultAzureCredentialHasNoAuthProperties() {
    StorageSettings settings = read("SCOUTER_STORAGE_URI", "az://archive/wh", "AZURE_STORAGE_ACCOUNT_NAME", "scouteracct");
    assertThat(factory.catalogProperties(settings)).containsExactly(
        entry("warehouse", "abfss://archive@scouteracct.dfs.core.windows.net/wh"),
        entry("io-impl", "org.apache.iceberg.azure.adlsv2.ADLSFileIO"));
    try (FileIO io = factory.create(settings)) {
      assertThat(io).isInstanceOf(ADLSFileIO.class);
    }
  }

  @Test
  void azureKeySasAndEndpointAreKeyedByTheLocationHost() {
    StorageSettings settings = read("SCOUTER_STORAGE_URI", "az://archive/wh", "AZURE_STORAGE_CONNECTION_STRING",
        "AccountName=scouteracct;AccountKey=" + KEY + ";SharedAccessSignature=sv=1&sig=s3cr3t;"
            + "BlobEndpoint=http://127.0.0.1:10000/scouteracct");
    Map<String, String> properties = factory.catalogProperties(settings);
    assertThat(properties).containsExactly(
        entry("warehouse", "abfss://archive@scouteracct.dfs.core.windows.net/wh"),
        entry("io-impl", "org.apache.iceberg.azure.adlsv2.ADLSFileIO"),
        entry("adls.auth.shared-key.account.name", "scouteracct"),
        entry("adls.auth.shared-key.account.key", KEY),
        entry("adls.sas-token.scouteracct.dfs.core.windows.net", "sv=1&sig=s3cr3t"),
        entry("adls.connection-string.scouteracct.dfs.core.windows.net", "http://127.0.0.1:10000/scouteracct"));
    assertThat(properties.toString())
        .doesNotContain(KEY, "s3cr3t")
        .contains("adls.auth.shared-key.account.key=****", "adls.sas-token.scouteracct.dfs.core.windows.net=****",
            "adls.connection-string.scouteracct.dfs.core.windows.net=http://127.0.0.1:10000/scouteracct");
  }

  @Test
  void catalogPropertiesAreUnmodifiable() {
    Map<String, String> properties = factory.catalogProperties(read("SCOUTER_STORAGE_URI", "s3://bucket"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> properties.put("io-impl", "x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
