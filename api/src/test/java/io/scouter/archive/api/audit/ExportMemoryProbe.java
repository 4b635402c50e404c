package io.scouter.archive.api.audit;

import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.catalog.iceberg.ArchiveCatalog;
import io.scouter.archive.catalog.iceberg.CatalogSettings;
import io.scouter.archive.catalog.settings.DatabaseUri;
import io.scouter.archive.catalog.storage.FileIOFactory;
import io.scouter.archive.catalog.storage.StorageSettings;
import jakarta.ws.rs.core.MultivaluedHashMap;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Instant;
import java.util.Map;

/**
 * Runs in a JVM of its own with a small heap (see {@link ExportMemoryTest}): exports one entity
 * and window in each format through the same plan and stream the route uses, to a stream that
 * counts bytes and notes when the first bytes arrived. Prints one line per format:
 * {@code format rows bytes plan-ms first-byte-ms total-ms peak-heap-mib}.
 */
public final class ExportMemoryProbe {
  private ExportMemoryProbe() {}

  public static void main(String[] args) throws Exception {
    DatabaseUri database = DatabaseUri.parse(args[0]).orElseThrow();
    String warehouse = args[1];
    Instant begin = Instant.parse(args[2]);
    Instant end = Instant.parse(args[3]);
    try (ArchiveCatalog catalog = ArchiveCatalog.open(CatalogSettings.parse(null), database,
        StorageSettings.fromEnvironment(Map.of("SCOUTER_STORAGE_URI", warehouse)), new FileIOFactory())) {
      ArchiveTables tables = new ArchiveTables(catalog);
      // Warm-up (class loading, JIT) on one day, so the figures describe a running service.
      for (ExportWriter.Format format : ExportWriter.Format.values()) {
        export(tables, format, begin, begin.plusSeconds(86_400));
      }
      for (int i = 4; i < args.length; i++) {
        ExportWriter.Format format = ExportWriter.Format.valueOf(args[i]);
        resetPeaks();
        long started = System.nanoTime();
        CountingStream out = export(tables, format, begin, end);
        long total = System.nanoTime() - started;
        System.out.printf("%s %d %d %d %d %d %d%n", format, out.rows, out.bytes, (out.planned - started) / 1_000_000,
            (out.firstByteAt - started) / 1_000_000, total / 1_000_000, peakHeapBytes() / (1024 * 1024));
      }
    }
  }

  private static CountingStream export(ArchiveTables tables, ExportWriter.Format format, Instant begin, Instant end)
      throws java.io.IOException {
    MultivaluedHashMap<String, String> parameters = new MultivaluedHashMap<>();
    parameters.putSingle("table", DriftType.SPC.tableName());
    parameters.putSingle("space", GeneratedArchive.SPACE);
    parameters.putSingle("name", GeneratedArchive.NAME);
    parameters.putSingle("version", GeneratedArchive.VERSION);
    parameters.putSingle("begin", begin.toString());
    parameters.putSingle("end", end.toString());
    ExportRequest request = ExportRequest.parse(parameters);
    org.apache.iceberg.Table table = tables.fresh(DriftType.SPC);
    ExportPlan plan = ExportPlan.of(table, request, table.currentSnapshot());
    CountingStream out = new CountingStream();
    out.planned = System.nanoTime();
    out.rows = ExportStream.write(plan, format, out);
    return out;
  }

  private static void resetPeaks() {
    System.gc();
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  private static long peakHeapBytes() {
    return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
        .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
  }

  /** Discards the bytes, counting them, like a fast client. */
  private static final class CountingStream extends OutputStream {
    long bytes;
    long rows;
    long planned;
    long firstByteAt;

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] buffer, int offset, int length) {
      if (bytes == 0 && length > 0) {
        firstByteAt = System.nanoTime();
      }
      bytes += length;
    }
  }
}
