package io.scouter.archive.api.audit;

import io.scouter.archive.catalog.drift.DriftType;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.Record;

/** Encodes exported rows (all columns of the table, in table order) onto a stream in one format. */
interface ExportWriter {
  void write(Record row) throws IOException;

  /** Writes what the format needs at the end (footer, end of stream) and flushes; does not close the stream. */
  void finish() throws IOException;

  /** Releases what the writer holds after a failure; the stream is broken anyway. */
  default void abort() {}

  /** The formats, by the media type a client asks for in {@code Accept}. */
  enum Format {
    CSV("text/csv", "csv"),
    PARQUET("application/vnd.apache.parquet", "parquet"),
    ARROW("application/vnd.apache.arrow.stream", "arrows");

    private final String mediaType;
    private final String extension;

    Format(String mediaType, String extension) {
      this.mediaType = mediaType;
      this.extension = extension;
    }

    String mediaType() {
      return mediaType;
    }

    String extension() {
      return extension;
    }

    ExportWriter open(DriftType type, Schema schema, OutputStream out) throws IOException {
      return switch (this) {
        case CSV -> new CsvExportWriter(type, out);
        case PARQUET -> new ParquetExportWriter(schema, out);
        case ARROW -> new ArrowExportWriter(type, out);
      };
    }
  }
}
