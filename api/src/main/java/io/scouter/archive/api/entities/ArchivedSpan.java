package io.scouter.archive.api.entities;

import java.time.Instant;

/** What the archive holds of one entity and drift type: the span of created_at, data files and rows. */
public record ArchivedSpan(Instant begin, Instant end, long files, long rows) {
  ArchivedSpan plus(Instant fileBegin, Instant fileEnd, long fileRows) {
    return new ArchivedSpan(fileBegin.isBefore(begin) ? fileBegin : begin, fileEnd.isAfter(end) ? fileEnd : end,
        files + 1, rows + fileRows);
  }
}
