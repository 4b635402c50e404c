package io.scouter.archive.api.audit;

import java.io.IOException;
import java.io.OutputStream;

/** Writes an export plan's rows, in series-then-time order, onto a stream in one format. */
final class ExportStream {
  private ExportStream() {}

  /** Returns the number of rows written, which is always the plan's count (anything else fails). */
  static long write(ExportPlan plan, ExportWriter.Format format, OutputStream out) throws IOException {
    ExportWriter writer = format.open(plan.request().type(), plan.table().schema(), out);
    long written;
    try {
      written = new ExportRows(plan).forEach(writer::write);
    } catch (IOException | RuntimeException e) {
      writer.abort();
      throw e;
    }
    writer.finish();
    if (written != plan.rows()) {
      // The count was announced in a header: a different number of rows means a bug, never a silent answer.
      throw new IllegalStateException("Export of " + plan.request().type().tableName() + " at snapshot "
          + plan.snapshot().snapshotId() + " wrote " + written + " rows, planned " + plan.rows());
    }
    return written;
  }
}
