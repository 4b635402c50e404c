package io.scouter.archive.archiver.run;

import java.util.Collection;
import org.apache.iceberg.io.FileIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Data files that no snapshot references: written by a run that failed, or by a write that did. */
public final class UncommittedFiles {
  private static final Logger LOG = LoggerFactory.getLogger(UncommittedFiles.class);

  private UncommittedFiles() {}

  /** Deletes them; one that cannot be deleted is logged and left to orphan cleanup. */
  public static void deleteQuietly(FileIO io, Collection<String> locations) {
    for (String location : locations) {
      try {
        io.deleteFile(location);
      } catch (RuntimeException e) {
        LOG.warn("Cannot delete uncommitted data file {}; orphan cleanup will: {}", location, e.toString());
      }
    }
  }
}
