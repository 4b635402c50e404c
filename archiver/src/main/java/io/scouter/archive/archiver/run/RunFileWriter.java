package io.scouter.archive.archiver.run;

import java.io.IOException;
import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;

/** Copies the rows a run claimed from PostgreSQL into new data files of the table, uncommitted. */
@FunctionalInterface
public interface RunFileWriter {
  List<DataFile> write(Table table, ClaimedRun run) throws IOException;
}
