package io.scouter.archive.archiver.write;

import io.scouter.archive.catalog.drift.DriftColumn;
import io.scouter.archive.catalog.drift.DriftType;
import java.util.stream.Collectors;

/**
 * The statements that read one run's rows out of a hot table, in the column order of
 * {@link DriftType#columns()} and in the order the writer needs: clustered by Iceberg partition
 * (entity, then UTC day), then by the table's sort order (series, created_at, bin_id).
 *
 * <p>Text sorts with {@code COLLATE "C"}: byte order of UTF-8 is code point order, the order Iceberg
 * uses for strings, so the files really are sorted the way their sort order id claims, whatever the
 * database's default collation. Explicit casts pin the binary representation the decoder expects.
 *
 * <p>Public so that the benchmark can time exactly this statement, with the bytes discarded, as the
 * read-side limit of an archive run.
 */
public final class CopyQuery {
  private CopyQuery() {}

  /** {@code COPY (SELECT ...) TO STDOUT (FORMAT binary)}. */
  public static String copy(DriftType type, RowSelection rows) {
    return "COPY (" + select(type, rows) + ") TO STDOUT (FORMAT binary)";
  }

  static String select(DriftType type, RowSelection rows) {
    String columns = type.columns().stream()
        .map(CopyQuery::castColumn)
        .collect(Collectors.joining(", "));
    StringBuilder order = new StringBuilder("space, name, version, created_at");
    return "SELECT " + columns + " FROM " + type.qualifiedTableName()
        + " WHERE " + rows.predicate() + " ORDER BY " + order;
  }

  private static String castColumn(DriftColumn column) {
    return column.name() + "::" + column.postgresType();
  }
}
