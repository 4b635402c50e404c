package io.scouter.archive.catalog.storage;

import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.aws.AwsClientProperties;
import org.apache.iceberg.aws.s3.S3FileIO;
import org.apache.iceberg.aws.s3.S3FileIOProperties;
import org.apache.iceberg.azure.AzureProperties;
import org.apache.iceberg.azure.adlsv2.ADLSFileIO;
import org.apache.iceberg.gcp.GCPProperties;
import org.apache.iceberg.gcp.gcs.GCSFileIO;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.util.SerializableSupplier;

/**
 * Chooses the Iceberg {@link FileIO} for the configured storage, by scheme and with no fallback,
 * and states it as catalog properties ({@code io-impl}, {@code warehouse}, {@code s3.*}, {@code
 * gcs.*}, {@code adls.*}) that an external engine (Spark, Trino) can be given as they are.
 *
 * <p>A service-account key for GCS is the one setting those properties cannot carry: Iceberg reads
 * only short-lived {@code gcs.oauth2.token}s. This service hands the key to {@code GCSFileIO}
 * through its {@code Storage} supplier; an external engine needs Application Default Credentials.
 */
public final class FileIOFactory {
  private final Function<StorageSettings, SerializableSupplier<Storage>> gcsStorage;

  public FileIOFactory() {
    this(FileIOFactory::serviceAccountStorage);
  }

  /** For tests: {@code gcsStorage} replaces the GCS client (e.g. with an in-memory fake). */
  FileIOFactory(Function<StorageSettings, SerializableSupplier<Storage>> gcsStorage) {
    this.gcsStorage = Objects.requireNonNull(gcsStorage, "Invalid GCS storage supplier: null");
  }

  /** A new, initialised {@code FileIO} for the settings; the caller closes it. */
  public FileIO create(StorageSettings settings) {
    Map<String, String> properties = catalogProperties(settings);
    if (settings.type() == StorageType.GCS) {
      SerializableSupplier<Storage> storage = gcsStorage.apply(settings);
      if (storage != null) {
        GCSFileIO io = new GCSFileIO(storage);
        io.initialize(properties);
        return io;
      }
    }
    return CatalogUtil.loadFileIO(properties.get(CatalogProperties.FILE_IO_IMPL), properties, null);
  }

  /** The catalog properties for the settings; {@code toString()} masks the credentials. */
  public Map<String, String> catalogProperties(StorageSettings settings) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put(CatalogProperties.WAREHOUSE_LOCATION, settings.warehouseLocation());
    // A switch expression: a storage type added later fails to compile here instead of silently
    // getting the local FileIO.
    properties.put(CatalogProperties.FILE_IO_IMPL, switch (settings.type()) {
      case S3 -> S3FileIO.class.getName();
      case GCS -> GCSFileIO.class.getName();
      case AZURE -> ADLSFileIO.class.getName();
      // Not HadoopFileIO: without Hadoop's native library it forks chmod for every file and
      // writes .crc side files; LocalFileIO is faster per file (figures in BENCHMARKS.md).
      case LOCAL -> LocalFileIO.class.getName();
    });
    switch (settings.type()) {
      case S3 -> putS3(properties, settings.s3());
      case GCS -> settings.gcs().projectId().ifPresent(id -> properties.put(GCPProperties.GCS_PROJECT_ID, id));
      case AZURE -> putAzure(properties, settings.azure(), settings.uri().azureHost().orElseThrow());
      case LOCAL -> { } // a path needs nothing more
    }
    return new CatalogStorageProperties(properties);
  }

  private static void putS3(Map<String, String> properties, S3Settings s3) {
    properties.put(AwsClientProperties.CLIENT_REGION, s3.region());
    s3.endpoint().ifPresent(uri -> properties.put(S3FileIOProperties.ENDPOINT, uri.toString()));
    properties.put(S3FileIOProperties.PATH_STYLE_ACCESS, Boolean.toString(s3.pathStyleAccess()));
  }

  private static void putAzure(Map<String, String> properties, AzureSettings azure, String host) {
    // ADLSFileIO keys SAS tokens and endpoints by the location's host, account.dfs.core.windows.net.
    azure.accountKey().ifPresent(key -> {
      properties.put(AzureProperties.ADLS_SHARED_KEY_ACCOUNT_NAME, azure.accountName());
      properties.put(AzureProperties.ADLS_SHARED_KEY_ACCOUNT_KEY, key.reveal());
    });
    azure.sasToken().ifPresent(sas -> properties.put(AzureProperties.ADLS_SAS_TOKEN_PREFIX + host, sas.reveal()));
    // Despite its name, Iceberg passes this value to the client builder's endpoint(...).
    azure.endpoint().ifPresent(uri -> properties.put(AzureProperties.ADLS_CONNECTION_STRING_PREFIX + host, uri.toString()));
  }

  /** A client on the configured service-account key, or null to let Iceberg use ADC. */
  private static SerializableSupplier<Storage> serviceAccountStorage(StorageSettings settings) {
    GcsSettings gcs = settings.gcs();
    if (gcs.serviceAccountJson().isEmpty()) {
      return null;
    }
    // Capture only strings: the supplier is serialised with the FileIO (e.g. to Spark tasks).
    String json = gcs.serviceAccountJson().get().reveal();
    String projectId = gcs.projectId().orElse(null);
    return () -> {
      StorageOptions.Builder options =
          StorageOptions.newBuilder().setCredentials(GcsSettings.credentials(json));
      if (projectId != null) {
        options.setProjectId(projectId);
      }
      return options.build().getService();
    };
  }
}
