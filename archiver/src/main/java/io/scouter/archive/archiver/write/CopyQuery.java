package io.scouter.archive.archiver.write;

import io.scouter.archive.catalog.drift.DriftType;
import java.util.stream.Collectors;

/**
 * The statement that reads one run's rows out of a hot table, in the column order of
 * {@link DriftType#columns()}, clustered by Iceberg partition: by entity, then created_at (which
 * keeps each UTC day together).
 *
 * <p>The order is exactly that of the entity/time index {@code (space, name, version, created_at)},
 * so for a backlog PostgreSQL streams the rows off that index (checking the run's created_at range
 * in the index) instead of sorting them: a sort of a few million rows spills to disk and reads at
 * a third of the speed. For a single expired day the planner rather sorts that day's rows, found
 * through the created_at key. Ordering by the table's full sort order (day, series) cannot come
 * from any index. {@link PartitionRun} sorts each partition by series in
 * memory instead. Text keeps the column's collation: only grouping matters here, and equal strings
 * are adjacent under any deterministic collation. Explicit casts pin the binary representation the
 * decoder expects.
 */
final class CopyQuery {
  private CopyQuery() {}

  /** {@code COPY (SELECT ...) TO STDOUT (FORMAT binary)}. */
  static String copy(DriftType type, RowSelection rows) {
    return "COPY (" + select(type, rows) + ") TO STDOUT (FORMAT binary)";
  }

  static String select(DriftType type, RowSelection rows) {
    String columns = type.columns().stream()
        .map(column -> column.name() + "::" + column.postgresType())
        .collect(Collectors.joining(", "));
    return "SELECT " + columns + " FROM " + type.qualifiedTableName()
        + " WHERE " + rows.predicate() + " ORDER BY space, name, version, created_at";
  }
}
