package io.scouter.archive.api.audit;

import java.util.regex.Pattern;
import org.apache.iceberg.SnapshotRef;

/**
 * Tag names: a letter, then letters, digits, {@code .}, {@code _} or {@code -}, at most 100
 * characters. Starting with a letter keeps a tag from being read as a snapshot id (Spark's
 * {@code VERSION AS OF} takes both), and the set of characters needs no quoting in any engine's SQL.
 * {@code main}, the table's branch, is refused.
 */
final class TagName {
  static final String ACCEPTED = "a letter, then up to 99 letters, digits, '.', '_' or '-'; not 'main'";
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,99}");

  private TagName() {}

  static String parse(String parameter, String text) {
    if (text == null || !NAME.matcher(text).matches() || SnapshotRef.MAIN_BRANCH.equals(text)) {
      throw AuditErrors.invalid(parameter, text, ACCEPTED);
    }
    return text;
  }
}
