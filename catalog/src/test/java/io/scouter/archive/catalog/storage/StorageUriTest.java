package io.scouter.archive.catalog.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class StorageUriTest {
  private static final String ACCEPTED =
      "accepted: s3://bucket[/prefix], gs://bucket[/prefix], az://container[/prefix], or a local path";
  private static final Path WORKING_DIRECTORY = Path.of("/srv/scouter");

  private static StorageUri parse(String value) {
    return StorageUri.parse(value, "scouteracct", WORKING_DIRECTORY);
  }

  @Test
  void s3BucketWithoutPrefix() {
    StorageUri uri = parse("s3://scouter-archive");
    assertThat(uri.type()).isEqualTo(StorageType.S3);
    assertThat(uri.bucket()).contains("scouter-archive");
    assertThat(uri.prefix()).isEmpty();
    assertThat(uri.localPath()).isEmpty();
    assertThat(uri.azureAccount()).isEmpty();
    assertThat(uri.warehouseLocation()).isEqualTo("s3://scouter-archive");
    assertThat(uri).hasToString("s3://scouter-archive");
  }

  @Test
  void s3BucketWithPrefixDropsTrailingSlashes() {
    StorageUri uri = parse("s3://my.bucket-1/archive/drift//");
    assertThat(uri.bucket()).contains("my.bucket-1");
    assertThat(uri.prefix()).isEqualTo("archive/drift");
    assertThat(uri.warehouseLocation()).isEqualTo("s3://my.bucket-1/archive/drift");
  }

  @Test
  void schemeIsCaseInsensitiveAndSurroundingBlanksAreIgnored() {
    assertThat(parse("  S3://bucket/p \n")).isEqualTo(parse("s3://bucket/p"));
    assertThat(parse("GS://bucket/p").type()).isEqualTo(StorageType.GCS);
  }

  @Test
  void gcsBucketWithPrefix() {
    StorageUri uri = parse("gs://scouter_archive.example/warehouse");
    assertThat(uri.type()).isEqualTo(StorageType.GCS);
    assertThat(uri.bucket()).contains("scouter_archive.example");
    assertThat(uri.warehouseLocation()).isEqualTo("gs://scouter_archive.example/warehouse");
    assertThat(uri).hasToString("gs://scouter_archive.example/warehouse");
  }

  @Test
  void azureContainerBecomesAnAbfssLocationOnTheAccount() {
    StorageUri uri = parse("az://archive-1/warehouse/drift");
    assertThat(uri.type()).isEqualTo(StorageType.AZURE);
    assertThat(uri.bucket()).contains("archive-1");
    assertThat(uri.azureAccount()).contains("scouteracct");
    assertThat(uri.azureHost()).contains("scouteracct.dfs.core.windows.net");
    assertThat(uri.warehouseLocation())
        .isEqualTo("abfss://archive-1@scouteracct.dfs.core.windows.net/warehouse/drift");
    assertThat(parse("az://archive-1").warehouseLocation())
        .isEqualTo("abfss://archive-1@scouteracct.dfs.core.windows.net");
    assertThat(uri).hasToString("az://archive-1/warehouse/drift (account scouteracct)");
  }

  @Test
  void absoluteLocalPath() {
    StorageUri uri = parse("/var/lib/scouter/warehouse/");
    assertThat(uri.type()).isEqualTo(StorageType.LOCAL);
    assertThat(uri.localPath()).contains(Path.of("/var/lib/scouter/warehouse"));
    assertThat(uri.bucket()).isEmpty();
    assertThat(uri.warehouseLocation()).isEqualTo("file:/var/lib/scouter/warehouse");
    assertThat(uri).hasToString("/var/lib/scouter/warehouse");
  }

  @ParameterizedTest
  @CsvSource({
    "warehouse, /srv/scouter/warehouse",
    "./data/../warehouse, /srv/scouter/warehouse",
    "../shared/warehouse, /srv/shared/warehouse",
    "with space/wh, /srv/scouter/with space/wh",
  })
  void relativeLocalPathResolvesAgainstTheWorkingDirectory(String value, String expected) {
    assertThat(parse(value).warehouseLocation()).isEqualTo("file:" + expected);
  }

  @Test
  void relativeLocalPathDefaultsToTheJvmWorkingDirectory() {
    assertThat(StorageUri.parse("warehouse", null).localPath())
        .contains(Path.of("").toAbsolutePath().resolve("warehouse"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "file:/var/lib/scouter/wh", "file:///var/lib/scouter/wh", "file://localhost/var/lib/scouter/wh",
    "FILE:/var/lib/scouter/wh/", "file:/var/lib/scouter/x/../wh"})
  void fileUris(String value) {
    StorageUri uri = parse(value);
    assertThat(uri.type()).isEqualTo(StorageType.LOCAL);
    assertThat(uri.warehouseLocation()).isEqualTo("file:/var/lib/scouter/wh");
  }

  @Test
  void fileUriIsPercentDecoded() {
    assertThat(parse("file:///tmp/with%20space").localPath()).contains(Path.of("/tmp/with space"));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   ", "\t"})
  void missingValue(String value) {
    assertThatThrownBy(() -> parse(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Missing SCOUTER_STORAGE_URI (" + ACCEPTED + ")");
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "ftp://x", "http://bucket/prefix", "https://s3.amazonaws.com/bucket", "hdfs://namenode/warehouse",
    "s3a://bucket/prefix", "s3n://bucket", "abfss://c@acct.dfs.core.windows.net/p", "wasbs://c@a/p",
    "gcs://bucket", "azure://container", "jdbc:postgresql://db/x", "mailto:someone"})
  void unsupportedSchemes(String value) {
    assertThatThrownBy(() -> parse(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid SCOUTER_STORAGE_URI: '" + value + "' (" + ACCEPTED + ")");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "s3://|missing bucket",
    "s3:///prefix|missing bucket",
    "gs://|missing bucket",
    "az://|missing container",
    "az:///p|missing container",
    "s3:bucket|expected s3://bucket[/prefix]",
    "gs:/bucket|expected gs://bucket[/prefix]",
    "az:container|expected az://container[/prefix]",
  })
  void missingBucket(String value, String reason) {
    assertInvalid(value, reason);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "s3://My-Bucket|invalid bucket name 'My-Bucket': S3 bucket names use lowercase letters, digits, '.' and '-', and start and end with a letter or digit",
    "s3://my_bucket|invalid bucket name 'my_bucket': S3 bucket names use lowercase letters, digits, '.' and '-', and start and end with a letter or digit",
    "s3://-bucket|invalid bucket name '-bucket': S3 bucket names use lowercase letters, digits, '.' and '-', and start and end with a letter or digit",
    "s3://ab|invalid bucket name 'ab': S3 bucket names have 3-63 characters",
    "s3://a..b|invalid bucket name 'a..b': S3 bucket names have no adjacent periods",
    "s3://192.168.10.1|invalid bucket name '192.168.10.1': S3 bucket names must not look like an IP address",
    "s3://xn--bucket|invalid bucket name 'xn--bucket': S3 reserves the prefixes xn--, sthree- and the suffixes -s3alias, --ol-s3",
    "s3://user:secret@bucket|invalid bucket name 'user:secret@bucket': S3 bucket names use lowercase letters, digits, '.' and '-', and start and end with a letter or digit",
    "gs://Bucket|invalid bucket name 'Bucket': GCS bucket names use lowercase letters, digits, '-', '_' and '.', and start and end with a letter or digit",
    "gs://google-archive|invalid bucket name 'google-archive': GCS bucket names must not start with 'goog' or contain 'google'",
    "gs://googarchive|invalid bucket name 'googarchive': GCS bucket names must not start with 'goog' or contain 'google'",
    "gs://a..b|invalid bucket name 'a..b': GCS bucket name components between dots have 1-63 characters",
    "gs://10.0.0.1|invalid bucket name '10.0.0.1': GCS bucket names must not look like an IP address",
    "az://Archive|invalid container name 'Archive': Azure container names use lowercase letters, digits and single hyphens between them",
    "az://arch--ive|invalid container name 'arch--ive': Azure container names use lowercase letters, digits and single hyphens between them",
    "az://archive-|invalid container name 'archive-': Azure container names use lowercase letters, digits and single hyphens between them",
    "az://ab|invalid container name 'ab': Azure container names have 3-63 characters",
  })
  void invalidBucketNames(String value, String reason) {
    assertInvalid(value, reason);
  }

  @Test
  void tooLongBucketNames() {
    String name = "a".repeat(64);
    assertInvalid("s3://" + name, "invalid bucket name '" + name + "': S3 bucket names have 3-63 characters");
    assertInvalid("gs://" + name, "invalid bucket name '" + name
        + "': GCS bucket names have 3-63 characters (up to 222 with dots)");
    assertThat(parse("gs://" + "a".repeat(63) + "." + "b".repeat(63)).type()).isEqualTo(StorageType.GCS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"s3://bucket/a//b", "s3://bucket/a/./b", "gs://bucket/a/../b", "az://archive/.."})
  void invalidPrefixSegments(String value) {
    assertInvalid(value, "empty, '.' or '..' path segments are not allowed in the prefix");
  }

  @ParameterizedTest
  @ValueSource(strings = {"s3://bucket/a b", "s3://bucket/a?x=1", "gs://bucket/a#b", "az://archive/100%", "s3://bucket/a\\b"})
  void invalidPrefixCharacters(String value) {
    assertInvalid(value, "whitespace and the characters ? # % \\ are not allowed in the prefix");
  }

  @Test
  void azureNeedsTheAccountName() {
    assertThatThrownBy(() -> StorageUri.parse("az://archive/wh", null, WORKING_DIRECTORY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot use SCOUTER_STORAGE_URI 'az://archive/wh': AZURE_STORAGE_ACCOUNT_NAME is"
            + " not set (Iceberg addresses Azure as abfss://container@account.dfs.core.windows.net/prefix)");
    assertThatThrownBy(() -> StorageUri.parse("az://archive/wh", "Scouter_Account", WORKING_DIRECTORY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid AZURE_STORAGE_ACCOUNT_NAME: 'Scouter_Account' (3-24 lowercase letters and digits)");
  }

  @Test
  void accountNameIsIgnoredOutsideAzure() {
    assertThat(StorageUri.parse("s3://bucket", "Not Valid", WORKING_DIRECTORY).azureAccount()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "file:relative/path|a file: URI must hold an absolute path (file:/path or file:///path)",
    "file:|a file: URI must hold an absolute path (file:/path or file:///path)",
    "file://fileserver/share/wh|a file: URI must not name a remote host",
    "file:///tmp/wh?x=1|a file: URI must not have a query or fragment",
    "file:///tmp/wh#top|a file: URI must not have a query or fragment",
    "file:///tmp/a b|not a valid file: URI (Illegal character in path)",
  })
  void invalidFileUris(String value, String reason) {
    assertInvalid(value, reason);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/tmp/100%", "/tmp/what?", "wh#1", "file:///tmp/100%25"})
  void invalidLocalPathCharacters(String value) {
    assertInvalid(value, "the characters ? # % are not allowed in a local path");
  }

  @Test
  void controlCharactersAreRejected() {
    assertThatThrownBy(() -> parse("/tmp/wh\u0000x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid SCOUTER_STORAGE_URI: control characters are not allowed (" + ACCEPTED + ")");
  }

  @Test
  void equalityFollowsTheParsedLocation() {
    assertThat(parse("s3://bucket/p/")).isEqualTo(parse("s3://bucket/p")).hasSameHashCodeAs(parse("s3://bucket/p"));
    assertThat(parse("s3://bucket/p")).isNotEqualTo(parse("gs://bucket/p"));
    assertThat(parse("file:/srv/scouter/wh")).isEqualTo(parse("wh"));
  }

  private static void assertInvalid(String value, String reason) {
    assertThatThrownBy(() -> parse(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid SCOUTER_STORAGE_URI: '" + value.strip() + "' (" + reason + "; " + ACCEPTED + ")");
  }
}
