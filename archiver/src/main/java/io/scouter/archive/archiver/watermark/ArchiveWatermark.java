package io.scouter.archive.archiver.watermark;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which hot rows are archived: those created before {@code cutoff} whose inserting transaction
 * ({@code ins_xid}) is visible in {@code snapshot}, the PostgreSQL snapshot an archive run's COPY
 * read. A run moves both forward, so the set only grows and the rows a run must copy are exactly
 * the difference between two watermarks. {@link #NONE} covers no row.
 *
 * <p>The SQL fragments inline both values as literals because {@code COPY} takes no bind
 * parameters; they come from this service's own state, and the constructor checks their shape.
 * The rule is defined by the SQL function {@code scouter.is_archived(table, created_at, ins_xid)},
 * which pg_cron and operators use; this inlined copy lets indexes serve it, and IsArchivedRuleTest
 * (archiver) checks that both agree row for row.
 */
public record ArchiveWatermark(Instant cutoff, String snapshot) {
  /** Nothing archived. */
  public static final ArchiveWatermark NONE = new ArchiveWatermark(null, null);

  /** {@code xmin:xmax:xip,...} as {@code pg_snapshot} prints it. */
  private static final Pattern SNAPSHOT = Pattern.compile("(\\d+):(\\d+):(\\d+(,\\d+)*)?");

  public ArchiveWatermark {
    if ((cutoff == null) != (snapshot == null)) {
      throw new IllegalArgumentException("A watermark has both a cutoff and a snapshot, or neither");
    }
    if (snapshot != null && !SNAPSHOT.matcher(snapshot).matches()) {
      throw new IllegalArgumentException("Not a PostgreSQL snapshot: " + snapshot);
    }
  }

  public static ArchiveWatermark of(Instant cutoff, String snapshot) {
    return new ArchiveWatermark(Objects.requireNonNull(cutoff, "cutoff"), Objects.requireNonNull(snapshot, "snapshot"));
  }

  public boolean isNone() {
    return cutoff == null;
  }

  /** A boolean SQL expression over a hot table's columns: the row is archived. */
  public String archivedSql() {
    if (isNone()) {
      return "false";
    }
    return "(created_at < " + cutoffLiteral() + " AND pg_visible_in_snapshot(ins_xid, " + snapshotLiteral() + "))";
  }

  /** A boolean SQL expression over a hot table's columns: the row is not archived. */
  public String unarchivedSql() {
    return isNone() ? "true" : "NOT " + archivedSql();
  }

  /**
   * Rows created at or after the cutoff, never archived under this watermark. With
   * {@link #lateRowsSql()} it splits {@link #unarchivedSql()} into two disjoint parts that each
   * have an index: a reader asks for both instead of filtering every archived row still in
   * PostgreSQL (kept for the grace period) one by one.
   */
  public String recentRowsSql() {
    return isNone() ? "true" : "created_at >= " + cutoffLiteral();
  }

  /**
   * Rows not archived under this watermark but created before it: late arrivals, inserted by
   * transactions the snapshot did not see. Every such transaction id is at least the snapshot's
   * xmin, which lets the {@code (ins_xid, created_at)} index find them without a scan.
   */
  public String lateRowsSql() {
    if (isNone()) {
      return "false";
    }
    return "ins_xid >= '" + xmin() + "'::xid8 AND created_at < " + cutoffLiteral()
        + " AND NOT pg_visible_in_snapshot(ins_xid, " + snapshotLiteral() + ")";
  }

  /** {@code 'timestamp'::timestamptz}. */
  public String cutoffLiteral() {
    return literal(cutoff);
  }

  public static String literal(Instant instant) {
    return "'" + instant + "'::timestamptz";
  }

  private String snapshotLiteral() {
    return "'" + snapshot + "'::pg_snapshot";
  }

  private String xmin() {
    return snapshot.substring(0, snapshot.indexOf(':'));
  }
}
