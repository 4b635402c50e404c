package io.scouter.archive.api.testing;

import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.catalog.iceberg.ArchiveCatalog;
import io.scouter.archive.catalog.recordkey.RecordKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/**
 * The archive's rows as Iceberg's own generic reader sees them at the table's current snapshot,
 * independent of the service's reader: how often each record key is held.
 */
public final class ArchivedRows {
  private ArchivedRows() {}

  public static Map<RecordKey, Integer> keyCounts(ArchiveCatalog catalog, DriftType type) {
    Table table = catalog.table(type);
    table.refresh();
    Map<RecordKey, Integer> counts = new HashMap<>();
    if (table.currentSnapshot() == null) {
      return counts;
    }
    try (CloseableIterable<Record> rows = IcebergGenerics.read(table).build()) {
      for (Record row : rows) {
        counts.merge(RecordKey.of(type, row), 1, Integer::sum);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return counts;
  }
}
