package io.scouter.archive.catalog.storage;

import io.scouter.archive.catalog.settings.DatabaseUri;
import io.scouter.archive.catalog.testing.TestDatabases;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.storage.Blob;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.iceberg.gcp.gcs.GCSFileIO;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GCS through google-cloud-nio's in-memory fake {@link Storage}, injected where the service would
 * build a client on its service-account key. No HTTP GCS emulator is reachable here.
 *
 * <p>The fake's limits: it has no batch delete ({@code Storage.delete(Iterable)}, which
 * GCSFileIO's deleteFiles and deletePrefix use), and it mishandles object names containing '%'
 * (which StorageUri rejects in prefixes anyway). So this test neither drops tables nor expires
 * snapshots.
 */
class GcsFakeStorageTest {
  private static final String BUCKET = "scouter-archive";
  private static final String PREFIX = "warehouse/gcs-test";

  private final DatabaseUri catalogDatabase = TestDatabases.freshDatabase("catalog");

  @Test
  void writesReadsAndListsParquetUnderThePrefix() throws Exception {
    Storage storage = LocalStorageHelper.customOptions(false).getService();
    StorageSettings settings = StorageSettings.fromEnvironment(Map.of(
        "SCOUTER_STORAGE_URI", "gs://" + BUCKET + "/" + PREFIX));
    FileIOFactory factory = new FileIOFactory(ignored -> () -> storage);
    try (FileIO io = factory.create(settings)) {
      assertThat(io).isInstanceOf(GCSFileIO.class);
    }

    // The fake lives in this JVM only, so no external engine can read it: writes and reads only.
    RoundTrip.writeReadAndCheck(catalogDatabase, settings, factory, () -> list(storage, PREFIX + "/"));
  }

  private static List<String> list(Storage storage, String prefix) {
    return StreamSupport.stream(
            storage.list(BUCKET, Storage.BlobListOption.prefix(prefix)).iterateAll().spliterator(), false)
        .map(Blob::getName)
        .map(name -> "gs://" + BUCKET + "/" + name)
        .collect(Collectors.toList());
  }
}
