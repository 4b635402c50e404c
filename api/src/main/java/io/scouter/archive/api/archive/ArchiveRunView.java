package io.scouter.archive.api.archive;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.scouter.archive.archiver.run.ArchiveRunHistory;
import java.time.Instant;
import java.util.UUID;

/**
 * One archive run as {@code GET /scouter/archive/runs} writes it: snake_case keys like every other
 * route ({@code pass_id}, {@code snapshot_id}, {@code started_at}, ...). Why a separate type: the
 * archiver's history entry is a Java value without JSON conventions.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ArchiveRunView(long id, UUID passId, String table, String status, Instant cutoff, long rows,
    int files, long bytes, Instant minCreatedAt, Instant maxCreatedAt, Long snapshotId, Instant startedAt,
    Instant finishedAt, String error) {

  static ArchiveRunView of(ArchiveRunHistory.Entry entry) {
    return new ArchiveRunView(entry.id(), entry.passId(), entry.table(), entry.status(), entry.cutoff(),
        entry.rows(), entry.files(), entry.bytes(), entry.minCreatedAt(), entry.maxCreatedAt(),
        entry.snapshotId(), entry.startedAt(), entry.finishedAt(), entry.error());
  }
}
