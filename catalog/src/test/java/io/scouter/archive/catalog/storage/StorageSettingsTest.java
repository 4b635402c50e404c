package io.scouter.archive.catalog.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StorageSettingsTest {
  private static final Path WORKING_DIRECTORY = Path.of("/srv/scouter");
  private static final String KEY = "c2VjcmV0LWFjY291bnQta2V5LXZhbHVlLTEyMzQ1Njc4OTA=";
  private static final String AZURE_URI = "az://archive/wh";

  private static StorageSettings read(String... keyValues) {
    Map<String, String> environment = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      environment.put(keyValues[i], keyValues[i + 1]);
    }
    return StorageSettings.fromEnvironment(environment, WORKING_DIRECTORY);
  }

  private static void assertRejected(String message, String... keyValues) {
    assertThatThrownBy(() -> read(keyValues))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void missingStorageUri() {
    assertRejected("Missing SCOUTER_STORAGE_URI (" + StorageUri.ACCEPTED + ")");
  }

  @Test
  void localNeedsNothingElse() {
    StorageSettings settings = read("SCOUTER_STORAGE_URI", "warehouse");
    assertThat(settings.type()).isEqualTo(StorageType.LOCAL);
    assertThat(settings.provider()).isEqualTo(new StorageSettings.LocalSettings());
    assertThat(settings.warehouseLocation()).isEqualTo("file:/srv/scouter/warehouse");
  }

  @Test
  void s3Defaults() {
    StorageSettings settings = read("SCOUTER_STORAGE_URI", "s3://bucket/wh");
    assertThat(settings.s3()).isEqualTo(new S3Settings("us-east-1", Optional.empty(), false));
    assertThat(settings.warehouseLocation()).isEqualTo("s3://bucket/wh");
  }

  @Test
  void s3WithEndpointOverride() {
    StorageSettings settings = read(
        "SCOUTER_STORAGE_URI", "s3://bucket/wh", "AWS_REGION", " eu-west-3 ",
        "SCOUTER_S3_ENDPOINT", "http://minio.internal:9000/", "SCOUTER_S3_PATH_STYLE", "TRUE");
    assertThat(settings.s3())
        .isEqualTo(new S3Settings("eu-west-3", Optional.of(URI.create("http://minio.internal:9000/")), true));
  }

  @Test
  void s3IgnoresAccessKeysInTheEnvironment() {
    StorageSettings settings = read(
        "SCOUTER_STORAGE_URI", "s3://bucket", "AWS_ACCESS_KEY_ID", "AKIAEXAMPLE",
        "AWS_SECRET_ACCESS_KEY", "do-not-read");
    assertThat(settings.toString()).doesNotContain("AKIAEXAMPLE").doesNotContain("do-not-read");
    assertThat(new FileIOFactory().catalogProperties(settings))
        .doesNotContainKeys("s3.access-key-id", "s3.secret-access-key");
  }

  @Test
  void s3Rejections() {
    assertRejected("Invalid AWS_REGION: 'EU West' (expected a region name such as us-east-1)",
        "SCOUTER_STORAGE_URI", "s3://bucket", "AWS_REGION", "EU West");
    assertRejected("Invalid SCOUTER_S3_PATH_STYLE: 'yes' (accepted: true or false)",
        "SCOUTER_STORAGE_URI", "s3://bucket", "SCOUTER_S3_PATH_STYLE", "yes");
    assertRejected("Invalid SCOUTER_S3_ENDPOINT: 'ftp://minio:9000' (scheme must be http or https;"
            + " expected http(s)://host[:port][/path])",
        "SCOUTER_STORAGE_URI", "s3://bucket", "SCOUTER_S3_ENDPOINT", "ftp://minio:9000");
    assertRejected("Invalid SCOUTER_S3_ENDPOINT: 'minio:9000' (scheme must be http or https;"
            + " expected http(s)://host[:port][/path])",
        "SCOUTER_STORAGE_URI", "s3://bucket", "SCOUTER_S3_ENDPOINT", "minio:9000");
    assertRejected("Invalid SCOUTER_S3_ENDPOINT: 'http:///path' (missing host;"
            + " expected http(s)://host[:port][/path])",
        "SCOUTER_STORAGE_URI", "s3://bucket", "SCOUTER_S3_ENDPOINT", "http:///path");
    assertRejected("Invalid SCOUTER_S3_ENDPOINT: 'http://minio:9000/?x=1' (query and fragment are not"
            + " allowed; expected http(s)://host[:port][/path])",
        "SCOUTER_STORAGE_URI", "s3://bucket", "SCOUTER_S3_ENDPOINT", "http://minio:9000/?x=1");
    // the endpoint's user info would be a credential: the message does not quote it
    assertRejected("Invalid SCOUTER_S3_ENDPOINT: user info is not allowed in the endpoint",
        "SCOUTER_STORAGE_URI", "s3://bucket", "SCOUTER_S3_ENDPOINT", "http://admin:hunter2@minio:9000");
  }

  @Test
  void otherProvidersSettingsAreIgnored() {
    StorageSettings settings = read(
        "SCOUTER_STORAGE_URI", "s3://bucket", "AZURE_STORAGE_CONNECTION_STRING", "garbage",
        "GOOGLE_ACCOUNT_JSON_BASE64", "!!!", "AZURE_STORAGE_ACCOUNT_NAME", "Not Valid");
    assertThat(settings.type()).isEqualTo(StorageType.S3);
  }

  @Test
  void gcsWithApplicationDefaultCredentials() {
    StorageSettings settings = read("SCOUTER_STORAGE_URI", "gs://bucket/wh");
    assertThat(settings.gcs()).isEqualTo(new GcsSettings(Optional.empty(), Optional.empty(), Optional.empty()));
  }

  @Test
  void gcsWithServiceAccountKey() {
    String json = ServiceAccountKeys.json("scouter-prod", "archiver@scouter-prod.iam.gserviceaccount.com");
    String encoded = ServiceAccountKeys.base64(json);
    // line-wrapped base64 (as `base64` prints it) is accepted
    StorageSettings settings = read("SCOUTER_STORAGE_URI", "gs://bucket/wh",
        "GOOGLE_ACCOUNT_JSON_BASE64", encoded.replaceAll("(.{76})", "$1\n"));

    GcsSettings gcs = settings.gcs();
    assertThat(gcs.serviceAccountJson().map(Secret::reveal)).contains(json);
    assertThat(gcs.clientEmail()).contains("archiver@scouter-prod.iam.gserviceaccount.com");
    assertThat(gcs.projectId()).contains("scouter-prod");
    assertThat(settings.toString())
        .contains("archiver@scouter-prod.iam.gserviceaccount.com", "****")
        .doesNotContain("PRIVATE KEY", encoded.substring(0, 40), "private_key");
  }

  @Test
  void gcsRejections() {
    assertRejected("Invalid GOOGLE_ACCOUNT_JSON_BASE64: not base64 (encode the JSON key file with base64)",
        "SCOUTER_STORAGE_URI", "gs://bucket", "GOOGLE_ACCOUNT_JSON_BASE64", "{\"type\": \"service_account\"}");
    assertRejected("Invalid GOOGLE_ACCOUNT_JSON_BASE64: not a service-account JSON key (not readable as JSON)",
        "SCOUTER_STORAGE_URI", "gs://bucket", "GOOGLE_ACCOUNT_JSON_BASE64", ServiceAccountKeys.base64("secret-ish text"));
    assertThatThrownBy(() -> read("SCOUTER_STORAGE_URI", "gs://bucket", "GOOGLE_ACCOUNT_JSON_BASE64",
            ServiceAccountKeys.base64("{\"type\": \"authorized_user\", \"refresh_token\": \"rt-secret\"}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Invalid GOOGLE_ACCOUNT_JSON_BASE64: not a service-account JSON key (")
        .hasMessageNotContaining("rt-secret");
    assertThatThrownBy(() -> read("SCOUTER_STORAGE_URI", "gs://bucket", "GOOGLE_ACCOUNT_JSON_BASE64",
            ServiceAccountKeys.base64("{\"type\": \"service_account\", \"private_key\": \"pk-secret\"}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Invalid GOOGLE_ACCOUNT_JSON_BASE64: not a service-account JSON key (")
        .hasMessageNotContaining("pk-secret");
  }

  @Test
  void azureWithDefaultAzureCredential() {
    StorageSettings settings = read("SCOUTER_STORAGE_URI", AZURE_URI, "AZURE_STORAGE_ACCOUNT_NAME", "scouteracct");
    assertThat(settings.azure())
        .isEqualTo(new AzureSettings("scouteracct", Optional.empty(), Optional.empty(), Optional.empty()));
    assertThat(settings.warehouseLocation()).isEqualTo("abfss://archive@scouteracct.dfs.core.windows.net/wh");
  }

  @Test
  void azureWithSharedKeyAndEndpoint() {
    StorageSettings settings = read("SCOUTER_STORAGE_URI", AZURE_URI, "AZURE_STORAGE_ACCOUNT_NAME", "scouteracct",
        "AZURE_STORAGE_ACCOUNT_KEY", KEY, "SCOUTER_AZURE_ENDPOINT", "http://127.0.0.1:10000/scouteracct/");
    assertThat(settings.azure()).isEqualTo(new AzureSettings("scouteracct", Optional.of(Secret.of(KEY)),
        Optional.empty(), Optional.of(URI.create("http://127.0.0.1:10000/scouteracct"))));
    assertThat(settings.toString()).doesNotContain(KEY).contains("****");
  }

  @Test
  void azureConnectionStringGivesAccountKeyAndEndpoint() {
    StorageSettings settings = read("SCOUTER_STORAGE_URI", AZURE_URI, "AZURE_STORAGE_CONNECTION_STRING",
        "DefaultEndpointsProtocol=http; AccountName=scouteracct;AccountKey=" + KEY
            + ";BlobEndpoint=http://127.0.0.1:10000/scouteracct;QueueEndpoint=http://127.0.0.1:10001/scouteracct;");
    assertThat(settings.azure()).isEqualTo(new AzureSettings("scouteracct", Optional.of(Secret.of(KEY)),
        Optional.empty(), Optional.of(URI.create("http://127.0.0.1:10000/scouteracct"))));
    assertThat(settings.toString()).doesNotContain(KEY);
  }

  @Test
  void azureConnectionStringPrefersTheDfsEndpointAndReadsSas() {
    StorageSettings settings = read("SCOUTER_STORAGE_URI", AZURE_URI, "AZURE_STORAGE_ACCOUNT_NAME", "scouteracct",
        "AZURE_STORAGE_CONNECTION_STRING", "BlobEndpoint=https://scouteracct.blob.core.windows.net;"
            + "DfsEndpoint=https://scouteracct.dfs.core.windows.net;SharedAccessSignature=?sv=2024&sig=abc%3D");
    assertThat(settings.azure().endpoint()).contains(URI.create("https://scouteracct.dfs.core.windows.net"));
    assertThat(settings.azure().sasToken()).contains(Secret.of("sv=2024&sig=abc%3D"));
    assertThat(settings.azure().accountKey()).isEmpty();
    assertThat(settings.toString()).doesNotContain("sig=abc");
  }

  @Test
  void azureEndpointSuffixBuildsASovereignCloudEndpoint() {
    StorageSettings settings = read("SCOUTER_STORAGE_URI", AZURE_URI, "AZURE_STORAGE_CONNECTION_STRING",
        "DefaultEndpointsProtocol=https;AccountName=scouteracct;AccountKey=" + KEY
            + ";EndpointSuffix=core.chinacloudapi.cn");
    assertThat(settings.azure().endpoint()).contains(URI.create("https://scouteracct.dfs.core.chinacloudapi.cn"));
    StorageSettings publicCloud = read("SCOUTER_STORAGE_URI", AZURE_URI, "AZURE_STORAGE_CONNECTION_STRING",
        "AccountName=scouteracct;AccountKey=" + KEY + ";EndpointSuffix=core.windows.net");
    assertThat(publicCloud.azure().endpoint()).isEmpty();
  }

  @Test
  void azureSettingsAndConnectionStringMayRepeatTheSameValues() {
    StorageSettings settings = read("SCOUTER_STORAGE_URI", AZURE_URI, "AZURE_STORAGE_ACCOUNT_NAME", "scouteracct",
        "AZURE_STORAGE_ACCOUNT_KEY", KEY, "SCOUTER_AZURE_ENDPOINT", "http://127.0.0.1:10000/scouteracct",
        "AZURE_STORAGE_CONNECTION_STRING", "AccountName=scouteracct;AccountKey=" + KEY
            + ";BlobEndpoint=http://127.0.0.1:10000/scouteracct/");
    assertThat(settings.azure().accountKey()).contains(Secret.of(KEY));
  }

  @Test
  void azureRejections() {
    assertRejected("Cannot use SCOUTER_STORAGE_URI 'az://archive/wh': AZURE_STORAGE_ACCOUNT_NAME is not set"
            + " (Iceberg addresses Azure as abfss://container@account.dfs.core.windows.net/prefix)",
        "SCOUTER_STORAGE_URI", AZURE_URI);
    assertRejected("Invalid AZURE_STORAGE_CONNECTION_STRING: its AccountName 'other' differs from"
            + " AZURE_STORAGE_ACCOUNT_NAME 'scouteracct'",
        "SCOUTER_STORAGE_URI", AZURE_URI, "AZURE_STORAGE_ACCOUNT_NAME", "scouteracct",
        "AZURE_STORAGE_CONNECTION_STRING", "AccountName=other;AccountKey=" + KEY);
    assertRejected("Invalid AZURE_STORAGE_ACCOUNT_KEY: it differs from the AccountKey in"
            + " AZURE_STORAGE_CONNECTION_STRING; set only one",
        "SCOUTER_STORAGE_URI", AZURE_URI, "AZURE_STORAGE_ACCOUNT_KEY", KEY,
        "AZURE_STORAGE_CONNECTION_STRING", "AccountName=scouteracct;AccountKey=b3RoZXI=");
    assertRejected("Invalid SCOUTER_AZURE_ENDPOINT: it differs from the endpoint in"
            + " AZURE_STORAGE_CONNECTION_STRING; set only one",
        "SCOUTER_STORAGE_URI", AZURE_URI, "SCOUTER_AZURE_ENDPOINT", "http://127.0.0.1:1/scouteracct",
        "AZURE_STORAGE_CONNECTION_STRING", "AccountName=scouteracct;BlobEndpoint=http://127.0.0.1:2/scouteracct");
    assertRejected("Invalid AZURE_STORAGE_ACCOUNT_KEY: a shared key is base64 (copy it from the portal's Access keys)",
        "SCOUTER_STORAGE_URI", AZURE_URI, "AZURE_STORAGE_ACCOUNT_NAME", "scouteracct",
        "AZURE_STORAGE_ACCOUNT_KEY", "not base64!");
    assertRejected("Invalid SCOUTER_AZURE_ENDPOINT: 'localhost:10000' (scheme must be http or https;"
            + " expected http(s)://host[:port][/path])",
        "SCOUTER_STORAGE_URI", AZURE_URI, "AZURE_STORAGE_ACCOUNT_NAME", "scouteracct",
        "SCOUTER_AZURE_ENDPOINT", "localhost:10000");
    assertRejected("Invalid AZURE_STORAGE_CONNECTION_STRING: 'ftp://x' (scheme must be http or https;"
            + " expected http(s)://host[:port][/path])",
        "SCOUTER_STORAGE_URI", AZURE_URI, "AZURE_STORAGE_CONNECTION_STRING", "AccountName=scouteracct;BlobEndpoint=ftp://x");
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "AccountName=scouteracct;AccountKey",
    "AccountName=scouteracct;=value",
    "just-a-secret-value"})
  void malformedConnectionStringsAreNotQuoted(String connectionString) {
    assertThatThrownBy(() -> read("SCOUTER_STORAGE_URI", AZURE_URI, "AZURE_STORAGE_ACCOUNT_NAME", "scouteracct",
            "AZURE_STORAGE_CONNECTION_STRING", connectionString))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid AZURE_STORAGE_CONNECTION_STRING: expected Key=Value pairs separated by ';'");
  }

  @Test
  void connectionStringRejections() {
    assertRejected("Invalid AZURE_STORAGE_CONNECTION_STRING: key 'accountkey' appears twice",
        "SCOUTER_STORAGE_URI", AZURE_URI, "AZURE_STORAGE_CONNECTION_STRING",
        "AccountName=scouteracct;AccountKey=" + KEY + ";accountkey=" + KEY);
    assertRejected("Invalid AZURE_STORAGE_CONNECTION_STRING: UseDevelopmentStorage is not supported; give"
            + " AccountName, AccountKey and BlobEndpoint instead",
        "SCOUTER_STORAGE_URI", AZURE_URI, "AZURE_STORAGE_ACCOUNT_NAME", "scouteracct",
        "AZURE_STORAGE_CONNECTION_STRING", "UseDevelopmentStorage=true");
  }

  @Test
  void providerAccessorsCheckTheType() {
    StorageSettings settings = read("SCOUTER_STORAGE_URI", "s3://bucket");
    assertThatThrownBy(settings::gcs)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Cannot read GcsSettings: the storage is S3 (s3://bucket)");
    assertThatThrownBy(() -> new StorageSettings(settings.uri(), new StorageSettings.LocalSettings()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid provider settings for S3 storage: LocalSettings");
  }

  @Test
  void toStringShowsTheLocationAndHidesEverySecret() {
    String json = ServiceAccountKeys.json("p", "sa@p.iam.gserviceaccount.com");
    assertThat(read("SCOUTER_STORAGE_URI", "gs://bucket/wh", "GOOGLE_ACCOUNT_JSON_BASE64", ServiceAccountKeys.base64(json)))
        .hasToString("StorageSettings[uri=gs://bucket/wh, provider=GcsSettings[serviceAccountJson=Optional[****],"
            + " clientEmail=Optional[sa@p.iam.gserviceaccount.com], projectId=Optional[p]]]");
    assertThat(read("SCOUTER_STORAGE_URI", AZURE_URI, "AZURE_STORAGE_CONNECTION_STRING",
            "AccountName=scouteracct;AccountKey=" + KEY + ";SharedAccessSignature=sv=1&sig=s3cr3t"))
        .hasToString("StorageSettings[uri=az://archive/wh (account scouteracct), provider=AzureSettings["
            + "accountName=scouteracct, accountKey=Optional[****], sasToken=Optional[****], endpoint=Optional.empty]]");
  }

  @Test
  void typedInputsReachTheirProvider() {
    StorageSettings s3 = StorageSettings.of(new StorageSettings.Inputs(
        "s3://bucket/wh", "eu-west-1", "http://localhost:9000", true, "", "", "", "", ""));
    assertThat(s3.s3()).isEqualTo(
        new S3Settings("eu-west-1", Optional.of(URI.create("http://localhost:9000")), true));

    StorageSettings azure = StorageSettings.of(new StorageSettings.Inputs(
        AZURE_URI, "", "", false, "", "scouteracct", KEY, "", "http://127.0.0.1:10000/scouteracct/"));
    assertThat(azure.azure().accountName()).isEqualTo("scouteracct");
    assertThat(azure.azure().endpoint()).contains(URI.create("http://127.0.0.1:10000/scouteracct"));
  }

  @Test
  void typedInputsStillNameTheVariableOfABadValue() {
    assertThatThrownBy(() -> StorageSettings.of(new StorageSettings.Inputs(
        "s3://bucket/wh", "Not A Region", "", false, "", "", "", "", "")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Invalid AWS_REGION: 'Not A Region'");
  }
}
