package io.scouter.archive.api.audit;

import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.catalog.iceberg.ArchiveCatalog;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.apache.iceberg.Table;

/** The drift tables by their Iceberg names, as the audit routes' {@code table} parameter names them. */
final class ArchiveTables {
  static final String ACCEPTED =
      Arrays.stream(DriftType.values()).map(DriftType::tableName).collect(Collectors.joining(", "));

  private final ArchiveCatalog catalog;

  ArchiveTables(ArchiveCatalog catalog) {
    this.catalog = catalog;
  }

  /** The table named by {@code parameter}: 400 naming the accepted values otherwise. */
  static DriftType parse(String parameter, String value) {
    return Arrays.stream(DriftType.values()).filter(type -> type.tableName().equals(value)).findFirst()
        .orElseThrow(() -> AuditErrors.invalid(parameter, value, "one of " + ACCEPTED));
  }

  /**
   * The shared table, refreshed: audits must see every commit made so far, also by other
   * processes. Refreshes of one table are serialised, as the archive scanner's are.
   */
  Table fresh(DriftType type) {
    Table table = catalog.table(type);
    synchronized (table) {
      table.refresh();
    }
    return table;
  }

  /** The shared table, refreshed only when it does not know {@code snapshotId}. */
  Table knowing(DriftType type, long snapshotId) {
    Table table = catalog.table(type);
    return table.snapshot(snapshotId) != null ? table : fresh(type);
  }
}
