package io.scouter.archive.catalog.hotstore.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive OS file lock on a file in the data directory, held while a launcher owns the
 * server.
 *
 * <p>Why: it tells a server left behind by a crashed JVM (the OS dropped that JVM's lock, so the
 * lock is free: stop the orphan and start again) from a server some live launcher is still using
 * (lock taken: fail instead of pulling the database from under it). A PID file could not tell
 * these apart reliably (PID reuse); an OS lock dies with its process.
 */
final class DataDirectoryLock implements AutoCloseable {

  static final String FILE_NAME = "scouter-embedded-postgres.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirectoryLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the lock or fails with a message saying the data directory is in use. */
  static DataDirectoryLock acquire(Path dataDirectory, ServerProcessUser user) throws IOException {
    Path file = dataDirectory.resolve(FILE_NAME);
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      user.takeOwnership(file);
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // held by another launcher in this JVM
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      channel.close();
      throw EmbeddedPostgresException.cannotStart("the data directory " + dataDirectory
          + " is in use by another embedded PostgreSQL launcher (in this or another"
          + " process; lock file " + file + ")");
    }
    return new DataDirectoryLock(channel, lock);
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
