package io.scouter.archive.archiver.write;

import java.io.IOException;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.PositionOutputStream;

/**
 * An output file whose stream hands its {@code close()} to a {@link BackgroundCloser}. The writer
 * sees the final position at once (cached at close: the delegate may be mid-close on another thread
 * when the writer asks for the file's length), and the data file is complete after
 * {@link BackgroundCloser#awaitAll()}.
 */
final class DeferredCloseOutputFile implements OutputFile {
  private final OutputFile delegate;
  private final BackgroundCloser closer;

  DeferredCloseOutputFile(OutputFile delegate, BackgroundCloser closer) {
    this.delegate = delegate;
    this.closer = closer;
  }

  @Override
  public PositionOutputStream create() {
    return new Stream(delegate.create(), closer);
  }

  @Override
  public PositionOutputStream createOrOverwrite() {
    return new Stream(delegate.createOrOverwrite(), closer);
  }

  @Override
  public String location() {
    return delegate.location();
  }

  @Override
  public InputFile toInputFile() {
    return delegate.toInputFile();
  }

  private static final class Stream extends PositionOutputStream {
    private final PositionOutputStream delegate;
    private final BackgroundCloser closer;
    private long closedPosition = -1;
    private long closedStoredLength = -1;

    Stream(PositionOutputStream delegate, BackgroundCloser closer) {
      this.delegate = delegate;
      this.closer = closer;
    }

    @Override
    public long getPos() throws IOException {
      return closedPosition >= 0 ? closedPosition : delegate.getPos();
    }

    @Override
    public long storedLength() throws IOException {
      return closedStoredLength >= 0 ? closedStoredLength : delegate.storedLength();
    }

    @Override
    public void write(int b) throws IOException {
      requireOpen();
      delegate.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      requireOpen();
      delegate.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      requireOpen();
      delegate.flush();
    }

    @Override
    public void close() throws IOException {
      if (closedPosition < 0) {
        closedPosition = delegate.getPos();
        closedStoredLength = delegate.storedLength();
        closer.close(delegate);
      }
    }

    private void requireOpen() throws IOException {
      if (closedPosition >= 0) {
        throw new IOException("Cannot write: stream is closed");
      }
    }
  }
}
