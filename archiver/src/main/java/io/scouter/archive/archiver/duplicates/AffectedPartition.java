package io.scouter.archive.archiver.duplicates;

import io.scouter.archive.catalog.recordkey.RecordKey;
import java.util.List;
import java.util.Set;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.StructLike;

/**
 * A (day, entity) partition that holds some record keys more than once: its data files, oldest
 * first (by data sequence number), and the keys held twice or more.
 */
record AffectedPartition(StructLike partition, List<DataFile> files, Set<RecordKey> duplicated) {
  AffectedPartition {
    files = List.copyOf(files);
    duplicated = Set.copyOf(duplicated);
  }
}
