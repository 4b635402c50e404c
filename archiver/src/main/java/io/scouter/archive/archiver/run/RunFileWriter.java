package io.scouter.archive.archiver.run;

import java.io.IOException;
import org.apache.iceberg.Table;

/**
 * Copies a run's rows out of PostgreSQL into new data files of the table, uncommitted.
 *
 * @see RunSnapshot
 */
@FunctionalInterface
public interface RunFileWriter {
  /**
   * @param snapshot the run's read-only REPEATABLE READ transaction: every slice of the plan must be
   *     read in it or in a transaction {@linkplain RunSnapshot#share() sharing} it, since the plan's
   *     watermark names exactly the rows that snapshot sees
   */
  RunFiles write(Table table, ArchiveRun run, RunPlan plan, RunSnapshot snapshot) throws IOException;
}
