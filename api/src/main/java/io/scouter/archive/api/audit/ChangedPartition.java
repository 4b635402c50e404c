package io.scouter.archive.api.audit;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;

/** One (day, entity) partition that gained rows between two snapshots, and how many. */
public record ChangedPartition(
    @JsonProperty("day") LocalDate day,
    @JsonProperty("space") String space,
    @JsonProperty("name") String name,
    @JsonProperty("version") String version,
    @JsonProperty("added_rows") long addedRows,
    @JsonProperty("added_files") int addedFiles) {

  ChangedPartition plus(long rows) {
    return new ChangedPartition(day, space, name, version, addedRows + rows, addedFiles + 1);
  }
}
