package io.scouter.archive.catalog.storage;

import io.scouter.archive.catalog.settings.DatabaseUri;
import io.scouter.archive.catalog.testing.TestDatabases;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.common.StorageSharedKeyCredential;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.iceberg.azure.adlsv2.ADLSFileIO;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * ADLS through Azurite (a node child process). Azurite speaks the Blob API only, not ADLS Gen2's
 * directory API: file writes and reads work, prefix listing and deletion through ADLSFileIO do
 * not, so the objects are listed here with the Blob client.
 */
class AzuriteStorageTest {
  private static final String CONTAINER = "scouter-archive";
  private static final String PREFIX = "warehouse/azure-test";

  @RegisterExtension static final AzuriteExtension AZURITE = new AzuriteExtension();

  private static BlobContainerClient container;

  private final DatabaseUri catalogDatabase = TestDatabases.freshDatabase("catalog");

  @BeforeAll
  static void createContainer() {
    container = new BlobServiceClientBuilder()
        .endpoint(AZURITE.endpoint())
        .credential(new StorageSharedKeyCredential(AzuriteExtension.ACCOUNT, AzuriteExtension.ACCOUNT_KEY))
        .buildClient()
        .createBlobContainer(CONTAINER);
  }

  @Test
  void connectionStringSettingsWriteReadAndList() throws Exception {
    String connectionString = String.format(
        "DefaultEndpointsProtocol=http;AccountName=%s;AccountKey=%s;BlobEndpoint=%s;",
        AzuriteExtension.ACCOUNT, AzuriteExtension.ACCOUNT_KEY, AZURITE.endpoint());
    StorageSettings settings = StorageSettings.fromEnvironment(Map.of(
        "SCOUTER_STORAGE_URI", "az://" + CONTAINER + "/" + PREFIX + "/connection-string",
        "AZURE_STORAGE_CONNECTION_STRING", connectionString));
    roundTrip(settings, "connection-string");
  }

  @Test
  void sharedKeyAndEndpointSettingsWriteReadAndList() throws Exception {
    StorageSettings settings = StorageSettings.fromEnvironment(Map.of(
        "SCOUTER_STORAGE_URI", "az://" + CONTAINER + "/" + PREFIX + "/shared-key",
        "AZURE_STORAGE_ACCOUNT_NAME", AzuriteExtension.ACCOUNT,
        "AZURE_STORAGE_ACCOUNT_KEY", AzuriteExtension.ACCOUNT_KEY,
        "SCOUTER_AZURE_ENDPOINT", AZURITE.endpoint()));
    roundTrip(settings, "shared-key");
  }

  private void roundTrip(StorageSettings settings, String folder) throws Exception {
    String warehouse = "abfss://" + CONTAINER + "@" + AzuriteExtension.ACCOUNT
        + ".dfs.core.windows.net/" + PREFIX + "/" + folder;
    assertThat(settings.warehouseLocation()).isEqualTo(warehouse);
    FileIOFactory factory = new FileIOFactory();
    try (FileIO io = factory.create(settings)) {
      assertThat(io).isInstanceOf(ADLSFileIO.class);
    }

    Map<String, String> engineProperties = RoundTrip.writeReadAndCheck(catalogDatabase, settings, factory,
        () -> list(PREFIX + "/" + folder + "/"));
    RoundTrip.readAsExternalEngine(catalogDatabase, engineProperties);
  }

  private static List<String> list(String prefix) {
    return container.listBlobs(new ListBlobsOptions().setPrefix(prefix), null).stream()
        .map(BlobItem::getName)
        .map(name -> "abfss://" + CONTAINER + "@" + AzuriteExtension.ACCOUNT + ".dfs.core.windows.net/" + name)
        .collect(Collectors.toList());
  }
}
