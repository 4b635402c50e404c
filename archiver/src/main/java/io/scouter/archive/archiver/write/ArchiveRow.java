package io.scouter.archive.archiver.write;

import org.apache.parquet.io.api.Binary;

/**
 * One drift row in the form the Parquet value writer consumes, reused for every row: timestamps as
 * microseconds since 1970-01-01 UTC, text as UTF-8 {@link Binary} values (shared while they repeat),
 * the payload in primitive fields. Which payload fields are meaningful depends on the drift type.
 */
final class ArchiveRow {
  long createdAtMicros;
  Binary space;
  Binary name;
  Binary version;
  Binary series;
  /** The series' id in the reader's {@link SeriesInterner}, for sorting by series within a run. */
  int seriesId;
  /** SPC and custom metrics. */
  double value;
  /** PSI. */
  int binId;
  /** PSI; PostgreSQL int4 widened to the Iceberg long column. */
  long binCount;

  void partition(ArchivePartition partition) {
    this.space = partition.spaceBinary();
    this.name = partition.nameBinary();
    this.version = partition.versionBinary();
  }
}
