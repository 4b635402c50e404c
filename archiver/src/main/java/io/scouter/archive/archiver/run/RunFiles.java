package io.scouter.archive.archiver.run;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.DataFile;

/** The uncommitted data files a run wrote, the rows in them and their span of created_at. */
public record RunFiles(List<DataFile> files, long rows, Optional<Instant> minCreatedAt,
    Optional<Instant> maxCreatedAt) {
  public RunFiles {
    files = List.copyOf(files);
  }

  public long bytes() {
    return files.stream().mapToLong(DataFile::fileSizeInBytes).sum();
  }
}
