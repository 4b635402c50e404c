package io.scouter.archive.archiver.maintenance;

import java.util.List;
import org.apache.iceberg.io.FileIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes files that certainly no snapshot references; one that cannot be deleted is left to orphan cleanup. */
final class FileDeletion {
  private static final Logger LOG = LoggerFactory.getLogger(FileDeletion.class);

  private FileDeletion() {}

  static void quietly(FileIO io, List<String> locations) {
    for (String location : locations) {
      try {
        io.deleteFile(location);
      } catch (RuntimeException e) {
        LOG.warn("Cannot delete unreferenced file {}; orphan cleanup will: {}", location, e.toString());
      }
    }
  }
}
