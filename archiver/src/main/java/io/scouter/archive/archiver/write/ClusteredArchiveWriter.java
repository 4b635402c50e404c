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
 * Writes rows that arrive clustered by partition, keeping one file open at a time and rolling to a
 * new file at the target size, like Iceberg's {@code ClusteredDataWriter}. Unlike it, the caller
 * says when the partition changes (a new {@link ArchivePartition} instance), so rows of the open
 * partition cost no partition comparison. A partition that comes back after another one means the
 * rows were not clustered; that fails rather than silently writing extra small files.
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
  private long rows;

  ClusteredArchiveWriter(
      FileWriterFactory<ArchiveRow> writers, OutputFileFactory files, FileIO io, long targetFileSizeBytes,
      PartitionSpec spec) {
    this.writers = writers;
    this.files = files;
    this.io = io;
    this.targetFileSizeBytes = targetFileSizeBytes;
    this.spec = spec;
  }

  void write(ArchivePartition partition, ArchiveRow row) {
    if (partition != current) {
      switchTo(partition);
    }
    writer.write(row);
    rows++;
  }

  long rows() {
    return rows;
  }

  /** Closes the open file and returns every data file written, in write order. */
  List<DataFile> finish() {
    closeCurrent();
    return List.copyOf(dataFiles);
  }

  /** Closes the open file and deletes every file written so far: nothing references them yet. */
  void abort() {
    try {
      closeCurrent();
    } catch (RuntimeException e) {
      LOG.warn("Cannot close the open data file of partition {} while aborting", current, e);
    }
    for (DataFile file : dataFiles) {
      try {
        io.deleteFile(file.location());
      } catch (RuntimeException e) {
        LOG.warn("Cannot delete uncommitted data file {}; orphan cleanup will", file.location(), e);
      }
    }
    dataFiles.clear();
  }

  private void switchTo(ArchivePartition partition) {
    if (current != null && current.equals(partition)) {
      current = partition;
      return;
    }
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
    writer = new RollingDataWriter<>(writers, files, io, targetFileSizeBytes, spec, partition);
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
