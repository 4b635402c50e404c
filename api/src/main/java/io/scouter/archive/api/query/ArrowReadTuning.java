package io.scouter.archive.api.query;

/**
 * Switches off Arrow's per-access safety checks for the service's process: the bounds check (and
 * the reference-count check that comes with it) on every buffer access, and the null check on every
 * {@code get}. Profiled on a year's window (2.6M rows, 365 files), the bounds check alone was two
 * thirds of Iceberg's Parquet-to-Arrow decoding; without both checks the archived read's p50 went
 * from about 200-230 ms to 174 ms in the same harness.
 *
 * <p>Safe for our use: every vector read is one Iceberg allocated and filled, indexed below its row
 * count, and the columns read are required (never null). The tests run with Arrow's checks on, so an
 * indexing mistake still fails there. Settings given on the command line ({@code -D}) win. Must run
 * before Arrow's classes load, which read them once: {@code main} calls it first.
 */
public final class ArrowReadTuning {
  static final String UNSAFE_MEMORY_ACCESS = "arrow.enable_unsafe_memory_access";
  static final String NULL_CHECK_FOR_GET = "arrow.enable_null_check_for_get";

  private ArrowReadTuning() {}

  public static void apply() {
    if (System.getProperty(UNSAFE_MEMORY_ACCESS) == null) {
      System.setProperty(UNSAFE_MEMORY_ACCESS, "true");
    }
    if (System.getProperty(NULL_CHECK_FOR_GET) == null) {
      System.setProperty(NULL_CHECK_FOR_GET, "false");
    }
  }
}
