package io.scouter.archive.archiver.write;

import java.util.Locale;

/**
 * Which hot-table rows one archive run writes: a SQL predicate over the hot table's columns, and a
 * label that goes into the data files' names so that orphan cleanup can tell which run left a file.
 *
 * <p>{@code COPY} takes no bind parameters, so the predicate is spliced into the statement: build it
 * only from this service's own state (an archive run's plan) or trusted constant SQL, never from
 * user input.
 */
final class RowSelection {
  private final String predicate;
  private final String label;

  private RowSelection(String predicate, String label) {
    this.predicate = predicate;
    this.label = label;
  }

  /**
   * Rows matching a trusted SQL boolean expression, e.g. {@code "created_at < '2025-01-01T00:00:00Z'::timestamptz"}.
   *
   * @param label letters, digits and dashes, used in data file names
   */
  static RowSelection where(String trustedSqlPredicate, String label) {
    if (trustedSqlPredicate == null || trustedSqlPredicate.isBlank() || trustedSqlPredicate.contains(";")) {
      throw new IllegalArgumentException("Invalid row predicate: " + trustedSqlPredicate);
    }
    if (label == null || !label.toLowerCase(Locale.ROOT).matches("[a-z0-9-]{1,64}")) {
      throw new IllegalArgumentException("Invalid row selection label: " + label);
    }
    return new RowSelection(trustedSqlPredicate, label);
  }

  String predicate() {
    return predicate;
  }

  String label() {
    return label;
  }

  @Override
  public String toString() {
    return label + " (" + predicate + ")";
  }
}
