package io.scouter.archive.archiver.write;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.FileWriterFactory;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.io.RollingDataWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes runs of rows that arrive clustered by partition, keeping one file open at a time and rolling
 * to a new file at the target size, like Iceberg's {@code ClusteredDataWriter}. Unlike it, the caller
 * says where a run starts, so rows cost no partition comparison. A run that continues the open
 * partition starts a new file, since each file must be sorted on its own. A partition that comes back
 * after another one means the input was not clustered: that fails rather than silently writing extra
 * small files. Not thread-safe: one writer per encoding thread.
 */
final class ClusteredArchiveWriter {
  private static final Logger LOG = LoggerFactory.getLogger(ClusteredArchiveWriter.class);

  private final FileWriterFactory<ArchiveRow> writers;
  private final OutputFileFactory files;
  private final FileIO io;
  private final long targetFileSizeBytes;
  private final PartitionSpec spec;
  private final Set<ArchivePartition> completed = new HashSet<>();
  private final List<DataFile> dataFiles = new ArrayList<>();
  private ArchivePartition current;
  private RollingDataWriter<ArchiveRow> writer;

  ClusteredArchiveWriter(
      FileWriterFactory<ArchiveRow> writers, OutputFileFactory files, FileIO io, long targetFileSizeBytes,
      PartitionSpec spec) {
    this.writers = writers;
    this.files = files;
    this.io = io;
    this.targetFileSizeBytes = targetFileSizeBytes;
    this.spec = spec;
  }

  /** Starts a sorted run of rows of {@code partition}: a new file, in a new or the same partition. */
  void startRun(ArchivePartition partition) {
    if (current != null && current.equals(partition)) {
      closeCurrent();
    } else {
      switchTo(partition);
    }
    writer = new RollingDataWriter<>(writers, files, io, targetFileSizeBytes, spec, current);
  }

  void write(ArchiveRow row) {
    writer.write(row);
  }

  /** Closes the open file and returns every data file written, in write order. */
  List<DataFile> finish() {
    closeCurrent();
    return List.copyOf(dataFiles);
  }

  /**
   * Stops writing: closes the open file if it can and returns the locations of every file this
   * writer created, for the caller to delete once no close is pending any more.
   */
  List<String> abandon() {
    List<String> locations = new ArrayList<>();
    if (writer != null) {
      locations.add(writer.currentFilePath().toString());
      try {
        closeCurrent();
      } catch (RuntimeException e) {
        LOG.warn("Cannot close the open data file of partition {} while abandoning the write", current, e);
      }
    }
    dataFiles.forEach(file -> locations.add(file.location()));
    dataFiles.clear();
    return locations;
  }

  private void switchTo(ArchivePartition partition) {
    closeCurrent();
    if (current != null) {
      completed.add(current);
    }
    if (completed.contains(partition)) {
      throw new IllegalStateException(
          "Cannot archive rows that are not clustered by partition: " + partition
              + " came again after other partitions");
    }
    current = partition;
  }

  private void closeCurrent() {
    if (writer == null) {
      return;
    }
    RollingDataWriter<ArchiveRow> closing = writer;
    writer = null;
    try {
      closing.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot close data file of partition " + current, e);
    }
    dataFiles.addAll(closing.result().dataFiles());
  }
}
