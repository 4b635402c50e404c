package io.scouter.archive.archiver.write;

import java.util.Locale;

/**
 * Which hot-table rows one archive run writes: a SQL predicate over the hot table's columns, and a
 * label that goes into the data files' names so that orphan cleanup can tell which run left a file.
 *
 * <p>{@code COPY} takes no bind parameters, so the predicate is spliced into the statement: build it
 * only with {@link #archiveRun(long)} or from trusted, constant SQL, never from user input.
 */
public final class RowSelection {
  private final String predicate;
  private final String label;

  private RowSelection(String predicate, String label) {
    this.predicate = predicate;
    this.label = label;
  }

  /**
   * The rows claimed by archive run {@code runId}: {@code archive_run = runId AND NOT archived}. A
   * claimed row is unarchived until its run finishes, so the second term selects nothing less; it
   * lets PostgreSQL use the partial claim index, which the rows of a run must come from in partition
   * order without a sort (see the README: a sort of a few million rows spills to disk and halves
   * the read rate).
   */
  public static RowSelection archiveRun(long runId) {
    return new RowSelection("archive_run = " + runId + " AND NOT archived", "run-" + runId);
  }

  /**
   * Rows matching a trusted SQL boolean expression, e.g. {@code "archive_run = 7 AND space = 'a'"}.
   *
   * @param label letters, digits and dashes, used in data file names
   */
  public static RowSelection where(String trustedSqlPredicate, String label) {
    if (trustedSqlPredicate == null || trustedSqlPredicate.isBlank() || trustedSqlPredicate.contains(";")) {
      throw new IllegalArgumentException("Invalid row predicate: " + trustedSqlPredicate);
    }
    if (label == null || !label.toLowerCase(Locale.ROOT).matches("[a-z0-9-]{1,64}")) {
      throw new IllegalArgumentException("Invalid row selection label: " + label);
    }
    return new RowSelection(trustedSqlPredicate, label);
  }

  public String predicate() {
    return predicate;
  }

  public String label() {
    return label;
  }

  @Override
  public String toString() {
    return label + " (" + predicate + ")";
  }
}
