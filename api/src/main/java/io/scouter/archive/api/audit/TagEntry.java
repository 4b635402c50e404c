package io.scouter.archive.api.audit;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.scouter.archive.catalog.drift.DriftType;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;

/** A tag as the tags route lists it: per table, the snapshot it points at, and its retention. */
public record TagEntry(
    @JsonProperty("name") String name,
    @JsonProperty("retain_days") Long retainDays,
    @JsonProperty("tables") Map<String, Target> tables) {

  /** The snapshot of one table the tag points at. */
  public record Target(@JsonProperty("snapshot_id") long snapshotId,
      @JsonProperty("committed_at") Instant committedAt) {}

  static final class Builder {
    private final String name;
    private final Map<String, Target> tables = new LinkedHashMap<>();
    private Long retainDays;

    Builder(String name) {
      this.name = name;
    }

    void add(DriftType type, SnapshotRef ref, Snapshot snapshot) {
      tables.put(type.tableName(), new Target(ref.snapshotId(),
          snapshot == null ? null : Instant.ofEpochMilli(snapshot.timestampMillis())));
      if (ref.maxRefAgeMs() != null) {
        retainDays = Duration.ofMillis(ref.maxRefAgeMs()).toDays();
      }
    }

    TagEntry build() {
      return new TagEntry(name, retainDays, java.util.Collections.unmodifiableMap(tables));
    }
  }
}
