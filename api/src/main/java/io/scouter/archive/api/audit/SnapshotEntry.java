package io.scouter.archive.api.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;

/**
 * One snapshot of a drift table as the history route lists it. The run id and watermark come from
 * the summary keys the archiver writes (see {@code RunMarker} in the archiver's run package); a
 * snapshot that no archive run made (compaction, an external engine) has neither.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SnapshotEntry(
    @JsonProperty("snapshot_id") long snapshotId,
    @JsonProperty("parent_id") Long parentId,
    @JsonProperty("committed_at") Instant committedAt,
    @JsonProperty("operation") String operation,
    @JsonProperty("run_id") Long runId,
    @JsonProperty("watermark") Watermark watermark,
    @JsonProperty("added_rows") Long addedRows,
    @JsonProperty("total_rows") Long totalRows,
    @JsonProperty("added_data_files") Long addedDataFiles,
    @JsonProperty("total_data_files") Long totalDataFiles,
    @JsonProperty("current") boolean current,
    @JsonProperty("tags") List<String> tags) {

  /** The archiver's summary keys (written by the archiver's {@code RunMarker}). */
  static final String RUN_ID = "scouter.archive.run-id";
  static final String CUTOFF = "scouter.archive.cutoff";
  static final String PG_SNAPSHOT = "scouter.archive.pg-snapshot";

  /** What the run's rows were cut at: the retention cutoff and the PostgreSQL snapshot of the run. */
  public record Watermark(@JsonProperty("cutoff") String cutoff, @JsonProperty("pg_snapshot") String pgSnapshot) {}

  static SnapshotEntry of(Snapshot snapshot, boolean current, List<String> tags) {
    Map<String, String> summary = snapshot.summary() == null ? Map.of() : snapshot.summary();
    String cutoff = summary.get(CUTOFF);
    String pgSnapshot = summary.get(PG_SNAPSHOT);
    return new SnapshotEntry(snapshot.snapshotId(), snapshot.parentId(),
        Instant.ofEpochMilli(snapshot.timestampMillis()), snapshot.operation(), number(summary.get(RUN_ID)),
        cutoff == null && pgSnapshot == null ? null : new Watermark(cutoff, pgSnapshot),
        number(summary.get(SnapshotSummary.ADDED_RECORDS_PROP)), number(summary.get(SnapshotSummary.TOTAL_RECORDS_PROP)),
        number(summary.get(SnapshotSummary.ADDED_FILES_PROP)), number(summary.get(SnapshotSummary.TOTAL_DATA_FILES_PROP)),
        current, tags);
  }

  private static Long number(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
