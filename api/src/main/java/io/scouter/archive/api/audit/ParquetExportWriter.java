package io.scouter.archive.api.audit;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.iceberg.Schema;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.io.FileAppender;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.PositionOutputStream;
import org.apache.iceberg.parquet.Parquet;

/**
 * One Parquet file (the table's schema, zstd) written straight onto the response: Parquet needs no
 * seeking, only the position, so the stream is wrapped as an Iceberg {@link OutputFile}. Row groups
 * of 1 MiB bound the memory the writer buffers and let the first bytes leave soon: the writer sends
 * nothing before its first row group is complete.
 */
final class ParquetExportWriter implements ExportWriter {
  static final long ROW_GROUP_BYTES = 1024L * 1024;

  private final FileAppender<Record> appender;

  ParquetExportWriter(Schema schema, OutputStream out) throws IOException {
    this.appender = Parquet.write(new StreamOutputFile(out))
        .schema(schema)
        .createWriterFunc(GenericParquetWriter::create)
        .set(TableProperties.PARQUET_COMPRESSION, "zstd")
        .set(TableProperties.PARQUET_ROW_GROUP_SIZE_BYTES, Long.toString(ROW_GROUP_BYTES))
        .overwrite()
        .build();
  }

  @Override
  public void write(Record row) {
    appender.add(row);
  }

  @Override
  public void finish() throws IOException {
    appender.close();
  }

  /** The response stream as a write-once file; closing it is left to the container. */
  private static final class StreamOutputFile implements OutputFile {
    private final OutputStream out;

    StreamOutputFile(OutputStream out) {
      this.out = out;
    }

    @Override
    public PositionOutputStream create() {
      return new PositionOutputStream() {
        private long position;

        @Override
        public long getPos() {
          return position;
        }

        @Override
        public void write(int b) throws IOException {
          out.write(b);
          position++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
          out.write(bytes, offset, length);
          position += length;
        }

        @Override
        public void flush() throws IOException {
          out.flush();
        }

        @Override
        public void close() throws IOException {
          out.flush();
        }
      };
    }

    @Override
    public PositionOutputStream createOrOverwrite() {
      return create();
    }

    @Override
    public String location() {
      return "export.parquet";
    }

    @Override
    public InputFile toInputFile() {
      throw new UnsupportedOperationException("An export stream cannot be read back");
    }
  }
}
