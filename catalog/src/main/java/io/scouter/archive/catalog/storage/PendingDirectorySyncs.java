package io.scouter.archive.catalog.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Directories that gained a new subdirectory whose entry is not yet forced to disk. Opening a file
 * in new directories records their parents here instead of forcing them there and then (four
 * directories per new partition, ~1.7 ms on our disks, which the writer thread waited for); the
 * close of a file beneath them forces them before it returns, on the thread that closes (the
 * archiver's background closers). So a closed file is durable together with every directory on its
 * path, as before, only the waiting moved.
 *
 * <p>A directory being created counts as pending from before its creation until it is forced after
 * it: an entry is dropped only when no creation below it is under way and nothing changed it while
 * it was being forced. A close that meets a pending directory forces it whatever its state, which is
 * always enough for that close's own file. Shared by every {@link LocalFileIO} of the process:
 * durability belongs to the file system, not to one FileIO.
 */
final class PendingDirectorySyncs {
  static final PendingDirectorySyncs SHARED = new PendingDirectorySyncs(LocalOutputFile::fsyncDirectory);

  /** Forces a directory's entries to disk. */
  interface DirectoryForce {
    void force(Path directory) throws IOException;
  }

  /** {@code version} changes on every begin and end; {@code creating} counts creations under way. */
  private record State(long version, int creating) {}

  private final ConcurrentMap<Path, State> pending = new ConcurrentHashMap<>();
  private final DirectoryForce force;

  PendingDirectorySyncs(DirectoryForce force) {
    this.force = force;
  }

  /** Before creating a subdirectory in {@code directory}. */
  void beginCreating(Path directory) {
    pending.compute(directory, (key, state) -> state == null ? new State(0, 1)
        : new State(state.version() + 1, state.creating() + 1));
  }

  /** After creating it, or failing to: either way the entry stays until a close forces it. */
  void endCreating(Path directory) {
    pending.compute(directory, (key, state) -> new State(state.version() + 1, state.creating() - 1));
  }

  /** Forces {@code directory}, then every pending directory above it; returns once all are durable. */
  void forceUpFrom(Path directory) throws IOException {
    for (Path current = directory; current != null; current = current.getParent()) {
      State state = pending.get(current);
      if (current == directory || state != null) {
        force.force(current);
        if (state != null && state.creating() == 0) {
          pending.remove(current, state);
        }
      }
    }
  }

  /** How many directories wait to be forced; for tests. */
  int size() {
    return pending.size();
  }
}
