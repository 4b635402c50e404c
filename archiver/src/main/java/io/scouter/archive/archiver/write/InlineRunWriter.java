package io.scouter.archive.archiver.write;

import io.scouter.archive.catalog.drift.DriftType;
import java.util.List;
import org.apache.iceberg.DataFile;

/** Encodes each run on the reading thread, with one run buffer. */
final class InlineRunWriter implements RunWriter {
  private final ClusteredArchiveWriter writer;
  private final PartitionRun run;
  private final ArchiveRow row = new ArchiveRow();

  InlineRunWriter(ClusteredArchiveWriter writer, int maxRunRows, DriftType type) {
    this.writer = writer;
    this.run = new PartitionRun(maxRunRows, type);
  }

  @Override
  public PartitionRun nextFree() {
    return run;
  }

  @Override
  public void accept(PartitionRun filled) {
    filled.writeTo(writer, row);
  }

  @Override
  public List<DataFile> finish() {
    return writer.finish();
  }

  @Override
  public List<String> abandon() {
    return writer.abandon();
  }
}
