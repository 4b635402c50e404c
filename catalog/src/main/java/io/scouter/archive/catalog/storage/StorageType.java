package io.scouter.archive.catalog.storage;

/** Where the Iceberg warehouse lives; one value per accepted {@code SCOUTER_STORAGE_URI} form. */
public enum StorageType {
  LOCAL,
  S3,
  GCS,
  AZURE
}
