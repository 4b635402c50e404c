package io.scouter.archive.archiver.run;

import java.time.Instant;
import java.util.Optional;

/** What a committed run holds, as recorded in its snapshot's summary. */
record RunSummary(long rows, int files, long bytes, Optional<Instant> minCreatedAt, Optional<Instant> maxCreatedAt) {
  static RunSummary of(RunFiles written) {
    return new RunSummary(written.rows(), written.files().size(), written.bytes(), written.minCreatedAt(),
        written.maxCreatedAt());
  }
}
