package io.scouter.archive.api.audit;

import io.scouter.archive.catalog.drift.DriftType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.apache.iceberg.HistoryEntry;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;

/**
 * One way of naming a snapshot of a drift table: its id, an instant (the snapshot that was the
 * table's current one then) or a tag. Resolving answers 404 for an unknown id or tag, 400 for an
 * instant in the future or before the table's first snapshot.
 */
public sealed interface SnapshotReference {
  String DATETIME_ACCEPTED = "an RFC 3339 timestamp with a zone, e.g. 2026-09-30T18:00:00Z";

  /** The parameter that named this reference, for error messages. */
  String parameter();

  /** The snapshot of {@code table} (of drift type {@code type}) this reference names, as of {@code now}. */
  Snapshot resolve(ArchiveTables tables, DriftType type, Instant now);

  record ById(String parameter, long snapshotId) implements SnapshotReference {
    @Override
    public Snapshot resolve(ArchiveTables tables, DriftType type, Instant now) {
      Snapshot snapshot = tables.knowing(type, snapshotId).snapshot(snapshotId);
      if (snapshot == null) {
        throw AuditErrors.notFound("No snapshot " + snapshotId + " in table " + type.tableName()
            + " (" + parameter + "; see GET /scouter/archive/snapshots?table=" + type.tableName() + ")");
      }
      return snapshot;
    }
  }

  record AsOf(String parameter, Instant instant) implements SnapshotReference {
    @Override
    public Snapshot resolve(ArchiveTables tables, DriftType type, Instant now) {
      if (instant.isAfter(now)) {
        throw AuditErrors.invalid(parameter, "Invalid " + parameter + ": " + instant + " is in the future (now: "
            + now + ")");
      }
      Table table = tables.fresh(type);
      // The snapshot log holds every change of the current snapshot in commit order: the last entry
      // at or before the instant is the snapshot readers saw then.
      List<HistoryEntry> log = table.history();
      HistoryEntry current = currentAt(log, instant.toEpochMilli());
      if (current == null) {
        throw AuditErrors.invalid(parameter, "Invalid " + parameter + ": " + instant + " is before the first snapshot "
            + "of table " + type.tableName() + (log.isEmpty() ? " (it has none yet)"
                : " (committed at " + Instant.ofEpochMilli(log.get(0).timestampMillis()) + ")"));
      }
      return table.snapshot(current.snapshotId());
    }
  }

  /** The entry of the snapshot log that was current at {@code millis}, or null before the first. */
  static HistoryEntry currentAt(List<HistoryEntry> log, long millis) {
    HistoryEntry current = null;
    for (HistoryEntry entry : log) {
      if (entry.timestampMillis() <= millis) {
        current = entry;
      }
    }
    return current;
  }

  record ByTag(String parameter, String tag) implements SnapshotReference {
    @Override
    public Snapshot resolve(ArchiveTables tables, DriftType type, Instant now) {
      Table table = tables.fresh(type);
      SnapshotRef ref = table.refs().get(tag);
      if (ref == null || !ref.isTag()) {
        throw AuditErrors.notFound("No tag '" + tag + "' on table " + type.tableName() + " (" + parameter
            + "; see GET /scouter/archive/tags)");
      }
      return table.snapshot(ref.snapshotId());
    }
  }

  /** A snapshot id (a whole number). */
  static ById id(String parameter, String text) {
    try {
      return new ById(parameter, Long.parseLong(text.trim()));
    } catch (NumberFormatException e) {
      throw AuditErrors.invalid(parameter, text, "a snapshot id (a whole number)");
    }
  }

  /** An RFC 3339 instant with a zone. */
  static AsOf instant(String parameter, String text) {
    try {
      return new AsOf(parameter, OffsetDateTime.parse(text.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
    } catch (DateTimeParseException e) {
      throw AuditErrors.invalid(parameter, text, DATETIME_ACCEPTED);
    }
  }

  static ByTag tag(String parameter, String text) {
    return new ByTag(parameter, TagName.parse(parameter, text));
  }

  /**
   * A reference given as one value that may be any of the three: a whole number is a snapshot id,
   * an RFC 3339 instant is an instant, anything else a tag name (tag names start with a letter).
   */
  static SnapshotReference anyOf(String parameter, String text) {
    if (text == null || text.isBlank()) {
      throw AuditErrors.invalid(parameter, text, "a snapshot id, a tag name or " + DATETIME_ACCEPTED);
    }
    String trimmed = text.trim();
    if (trimmed.chars().allMatch(Character::isDigit)) {
      return id(parameter, trimmed);
    }
    if (!trimmed.isEmpty() && Character.isDigit(trimmed.charAt(0))) {
      return instant(parameter, trimmed);
    }
    return tag(parameter, trimmed);
  }
}
