package io.scouter.archive.api.audit;

import io.scouter.archive.catalog.drift.DriftColumn;
import io.scouter.archive.catalog.drift.DriftType;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.iceberg.data.Record;

/**
 * RFC 4180 CSV with a header row: {@code created_at} as an RFC 3339 instant in UTC with its
 * microseconds, doubles in Java's shortest round-trip form, text quoted when it holds a comma,
 * quote or line break.
 */
final class CsvExportWriter implements ExportWriter {
  private final Writer out;
  private final List<String> columns;

  CsvExportWriter(DriftType type, OutputStream stream) throws IOException {
    this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 64 * 1024);
    this.columns = type.columns().stream().map(DriftColumn::name).toList();
    out.write(String.join(",", columns));
    out.write("\r\n");
  }

  @Override
  public void write(Record row) throws IOException {
    for (int i = 0; i < columns.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      Object value = row.getField(columns.get(i));
      if (value instanceof OffsetDateTime at) {
        out.write(at.withOffsetSameInstant(ZoneOffset.UTC).toInstant().toString());
      } else if (value instanceof CharSequence text) {
        out.write(quoted(text.toString()));
      } else if (value != null) {
        out.write(value.toString());
      }
    }
    out.write("\r\n");
  }

  static String quoted(String text) {
    boolean plain = text.chars().noneMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n');
    return plain ? text : '"' + text.replace("\"", "\"\"") + '"';
  }

  @Override
  public void finish() throws IOException {
    out.flush();
  }
}
