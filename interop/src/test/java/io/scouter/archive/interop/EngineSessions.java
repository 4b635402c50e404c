package io.scouter.archive.interop;

import org.apache.spark.sql.SparkSession;

/**
 * One local Spark for the module, with the archive attached twice, each exactly as the README
 * tells a user: catalog {@code scouter} through the JDBC catalog (URI, user, catalog name,
 * warehouse) and catalog {@code archive} through the service's REST catalog (URI only).
 */
final class EngineSessions {
  static final String JDBC = "scouter";
  static final String REST = "archive";

  private EngineSessions() {}

  static SparkSession start(ServiceProcess service) {
    return SparkSession.builder()
        .master("local[2]")
        .appName("scouter-archive-interop")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
        // README, "Use from Spark": the JDBC catalog.
        .config("spark.sql.catalog.scouter", "org.apache.iceberg.spark.SparkCatalog")
        .config("spark.sql.catalog.scouter.type", "jdbc")
        .config("spark.sql.catalog.scouter.uri", service.catalogJdbcUri())
        .config("spark.sql.catalog.scouter.jdbc.user", "postgres")
        .config("spark.sql.catalog.scouter.jdbc.password", service.databasePassword())
        .config("spark.sql.catalog.scouter.jdbc.schema-version", "V1")
        .config("spark.sql.catalog.scouter.warehouse", service.warehouse.toString())
        // README, "Use from Spark": the REST catalog, by URL.
        .config("spark.sql.catalog.archive", "org.apache.iceberg.spark.SparkCatalog")
        .config("spark.sql.catalog.archive.type", "rest")
        .config("spark.sql.catalog.archive.uri", service.baseUri() + "/iceberg")
        .config("spark.sql.catalog.archive.token", service.apiKey())
        .getOrCreate();
  }
}
