package io.scouter.archive.archiver.write;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.DataFile;

/**
 * What one archive write produced: the data files to commit in one append, and the figures for the
 * snapshot summary. The time range is empty when the run selected no rows (and then no files exist).
 */
public record ArchiveWriteResult(
    List<DataFile> dataFiles, long rowCount, Optional<Instant> minCreatedAt, Optional<Instant> maxCreatedAt) {

  public ArchiveWriteResult {
    dataFiles = List.copyOf(dataFiles);
  }

  public long totalBytes() {
    return dataFiles.stream().mapToLong(DataFile::fileSizeInBytes).sum();
  }
}
