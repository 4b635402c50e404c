package io.scouter.archive.bench;

import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.request.logging.LogbackAccessRequestLogFactory;
import io.scouter.archive.api.config.ScouterArchiveConfiguration;
import io.scouter.archive.api.config.StorageFactory;
import io.scouter.archive.catalog.storage.AzureSettings;
import io.scouter.archive.catalog.storage.GcsSettings;
import io.scouter.archive.catalog.storage.S3Settings;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The service's configuration for a benchmark run, in code rather than a file: the given database
 * and warehouse (with the storage credentials of the environment, as config.yml reads them),
 * retention of one day (all generated data is older, so a pass archives all of it), no archive
 * schedule (the benchmark runs passes itself), free loopback ports and no request log.
 * Everything else keeps the service's defaults, which are what is measured.
 */
final class BenchConfiguration {
  static final int RETENTION_DAYS = 1;

  private BenchConfiguration() {}

  static ScouterArchiveConfiguration build(String databaseUri, String storageUri) {
    return build(databaseUri, storageUri, System.getenv());
  }

  static ScouterArchiveConfiguration build(String databaseUri, String storageUri, Map<String, String> environment) {
    ScouterArchiveConfiguration configuration = new ScouterArchiveConfiguration();
    configuration.database().setUri(databaseUri);
    useStorage(configuration.storage(), storageUri, environment);
    configuration.retention().setPeriod(RETENTION_DAYS);
    configuration.archive().setEnabled(false);
    configuration.auth().setKeys(BenchKey.SETTING);
    DefaultServerFactory server = new DefaultServerFactory();
    server.setApplicationConnectors(List.of(loopback()));
    server.setAdminConnectors(List.of(loopback()));
    LogbackAccessRequestLogFactory requestLog = new LogbackAccessRequestLogFactory();
    requestLog.setAppenders(List.of());
    server.setRequestLogFactory(requestLog);
    configuration.setServerFactory(server);
    return configuration;
  }

  /**
   * The warehouse given, with the credentials and endpoints the service would read from the
   * environment; an unset variable keeps the setting's default, as config.yml's {@code ${VAR:-default}}.
   */
  private static void useStorage(StorageFactory storage, String uri, Map<String, String> environment) {
    storage.setUri(uri);
    set(environment, S3Settings.REGION, storage::setAwsRegion);
    set(environment, S3Settings.ENDPOINT, storage::setS3Endpoint);
    set(environment, S3Settings.PATH_STYLE, value -> storage.setS3PathStyle(Boolean.parseBoolean(value)));
    set(environment, GcsSettings.SERVICE_ACCOUNT_JSON_BASE64, storage::setGoogleAccountJsonBase64);
    set(environment, AzureSettings.ACCOUNT_NAME, storage::setAzureAccountName);
    set(environment, AzureSettings.ACCOUNT_KEY, storage::setAzureAccountKey);
    set(environment, AzureSettings.CONNECTION_STRING, storage::setAzureConnectionString);
    set(environment, AzureSettings.ENDPOINT, storage::setAzureEndpoint);
  }

  private static void set(Map<String, String> environment, String variable, Consumer<String> setter) {
    String value = environment.get(variable);
    if (value != null && !value.isEmpty()) {
      setter.accept(value);
    }
  }

  private static ConnectorFactory loopback() {
    HttpConnectorFactory connector = new HttpConnectorFactory();
    connector.setPort(0);
    connector.setBindHost("127.0.0.1");
    return connector;
  }
}
