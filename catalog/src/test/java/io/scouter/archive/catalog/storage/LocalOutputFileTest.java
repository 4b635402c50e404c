package io.scouter.archive.catalog.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scouter.archive.catalog.storage.LocalPositionOutputStream.Publish;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.RuntimeIOException;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.PositionOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class LocalOutputFileTest {
  @TempDir Path directory;

  private static LocalFileIO io(boolean atomic) {
    LocalFileIO io = new LocalFileIO();
    io.initialize(Map.of(LocalFileIO.ATOMIC_WRITES_ENABLED, String.valueOf(atomic)));
    return io;
  }

  private static byte[] bytes(int length) {
    byte[] bytes = new byte[length];
    new Random(length).nextBytes(bytes);
    return bytes;
  }

  @ParameterizedTest(name = "atomic={0}")
  @ValueSource(booleans = {true, false})
  void createWritesIntoNewParentDirectoriesAndTracksThePosition(boolean atomic) throws IOException {
    String location = "file://" + directory + "/t/data/day=2026-01-02/space=a%2Fb/f.parquet";
    byte[] big = bytes(3 * LocalPositionOutputStream.BUFFER_SIZE + 17);
    OutputFile file = io(atomic).newOutputFile(location);
    assertThat(file.location()).isEqualTo(location);

    PositionOutputStream stream = file.create();
    assertThat(stream.getPos()).isZero();
    stream.write(7);
    stream.write(big, 0, 10);
    stream.write(big, 10, big.length - 10); // past the buffer: written through
    stream.write(big, 0, 5);
    assertThat(stream.getPos()).isEqualTo(1 + big.length + 5);
    assertThat(stream.storedLength()).isEqualTo(stream.getPos());
    stream.close();
    assertThat(stream.getPos()).isEqualTo(1 + big.length + 5);

    Path path = directory.resolve("t/data/day=2026-01-02/space=a%2Fb/f.parquet");
    byte[] written = Files.readAllBytes(path);
    assertThat(written).hasSize(1 + big.length + 5);
    assertThat(written[0]).isEqualTo((byte) 7);
    assertThat(file.toInputFile().getLength()).isEqualTo(written.length);
    assertThat(file.toInputFile().location()).isEqualTo(location);
    assertThat(siblings(path)).containsExactly("f.parquet");
  }

  @ParameterizedTest(name = "atomic={0}")
  @ValueSource(booleans = {true, false})
  void createFailsIfTheFileExists(boolean atomic) throws IOException {
    Path path = Files.writeString(directory.resolve("existing"), "old");
    OutputFile file = io(atomic).newOutputFile(path.toString());
    assertThatThrownBy(file::create)
        .isInstanceOf(AlreadyExistsException.class)
        .hasMessage("Cannot create file: already exists: " + path);
    assertThat(Files.readString(path)).isEqualTo("old");
    assertThat(siblings(path)).containsExactly("existing");
  }

  @Test
  void atomicCreateLosesARaceWithoutTouchingTheWinner() throws IOException {
    Path path = directory.resolve("raced");
    OutputFile file = io(true).newOutputFile(path.toString());
    PositionOutputStream first = file.create();
    PositionOutputStream second = file.create();
    first.write("first".getBytes(StandardCharsets.UTF_8));
    second.write("second".getBytes(StandardCharsets.UTF_8));
    first.close();
    assertThatThrownBy(second::close)
        .isInstanceOf(AlreadyExistsException.class)
        .hasMessage("Cannot create file: already exists: " + path);
    assertThat(Files.readString(path)).isEqualTo("first");
    assertThat(siblings(path)).containsExactly("raced");
  }

  @Test
  void atomicWritesAreInvisibleUnderTheFinalNameUntilClose() throws IOException {
    Path path = directory.resolve("pending.avro");
    PositionOutputStream stream = io(true).newOutputFile(path.toString()).create();
    stream.write(bytes(100));
    stream.flush();
    assertThat(path).doesNotExist();
    assertThat(siblings(path)).singleElement().asString().startsWith(".pending.avro.").endsWith(".tmp");
    stream.close();
    assertThat(path).hasSize(100);
    assertThat(siblings(path)).containsExactly("pending.avro");
  }

  @Test
  void directWritesUseTheFinalNameFromTheStart() throws IOException {
    Path path = directory.resolve("direct.avro");
    PositionOutputStream stream = io(false).newOutputFile(path.toString()).create();
    assertThat(path).exists();
    stream.close();
    assertThat(path).isEmptyFile();
  }

  @ParameterizedTest(name = "atomic={0}")
  @ValueSource(booleans = {true, false})
  void createOrOverwriteReplacesTheContent(boolean atomic) throws IOException {
    Path path = Files.writeString(directory.resolve("v1.metadata.json"), "a much longer old content");
    try (PositionOutputStream stream = io(atomic).newOutputFile("file:" + path).createOrOverwrite()) {
      stream.write("new".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(Files.readString(path)).isEqualTo("new");
    assertThat(siblings(path)).containsExactly("v1.metadata.json");
  }

  @Test
  void atomicOverwriteLeavesOpenReadersOnTheOldContent() throws IOException {
    Path path = Files.writeString(directory.resolve("hint"), "old");
    LocalFileIO io = io(true);
    try (InputStream reader = io.newInputFile(path.toString()).newStream()) {
      try (PositionOutputStream stream = io.newOutputFile(path.toString()).createOrOverwrite()) {
        stream.write("new".getBytes(StandardCharsets.UTF_8));
      }
      assertThat(new String(reader.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("old");
    }
    assertThat(Files.readString(path)).isEqualTo("new");
  }

  @ParameterizedTest(name = "atomic={0}")
  @ValueSource(booleans = {true, false})
  void writeAfterCloseFailsAndCloseIsIdempotent(boolean atomic) throws IOException {
    String location = directory.resolve("closed").toString();
    PositionOutputStream stream = io(atomic).newOutputFile(location).create();
    stream.close();
    stream.close();
    stream.flush(); // wrapping streams flush after the inner stream closed
    assertThatThrownBy(() -> stream.write(1))
        .isInstanceOf(IOException.class)
        .hasMessage("Cannot write: stream is closed: " + location);
    assertThatThrownBy(() -> stream.write(new byte[3], 0, 3))
        .isInstanceOf(IOException.class)
        .hasMessage("Cannot write: stream is closed: " + location);
  }

  @Test
  void writeWithBadBoundsIsRejected() throws IOException {
    try (PositionOutputStream stream = io(true).newOutputFile(directory.resolve("b").toString()).create()) {
      assertThatThrownBy(() -> stream.write(new byte[4], 3, 2))
          .isInstanceOf(IndexOutOfBoundsException.class)
          .hasMessage("Range [3, 3 + 2) out of bounds for length 4");
    }
  }

  @Test
  void theRootDirectoryIsNoFile() {
    assertThatThrownBy(() -> io(true).newOutputFile("file:///"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid location: file:/// (names no file)");
  }

  @Test
  void parentThatIsAFileCannotHoldTheFile() throws IOException {
    Path parent = Files.writeString(directory.resolve("plain"), "x");
    String location = parent + "/child";
    assertThatThrownBy(() -> io(true).newOutputFile(location).create())
        .isInstanceOf(RuntimeIOException.class)
        .hasMessage("Cannot create parent directories of file: " + location);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Publish.class)
  void aFailedWriteIsNeverPublished(Publish publish) throws IOException {
    Path target = directory.resolve("torn.parquet");
    Path written = publish == Publish.IN_PLACE ? target : directory.resolve(".torn.parquet.x.tmp");
    Files.write(written, bytes(10));
    // A read-only channel makes every write fail, as a full disk would.
    FileChannel readOnly = FileChannel.open(written, StandardOpenOption.READ);
    PositionOutputStream stream =
        new LocalPositionOutputStream(target.toString(), target, written, readOnly, publish,
            PendingDirectorySyncs.SHARED);
    stream.write(1);
    assertThatThrownBy(() -> stream.write(bytes(2 * LocalPositionOutputStream.BUFFER_SIZE)))
        .isInstanceOf(java.nio.channels.NonWritableChannelException.class)
        .hasMessage(null);
    assertThatThrownBy(() -> stream.write(2))
        .isInstanceOf(IOException.class)
        .hasMessage("Cannot write: an earlier write failed: " + target);
    assertThatThrownBy(stream::close)
        .isInstanceOf(IOException.class)
        .hasMessage("Cannot complete file: a write failed, partial file deleted: " + target);
    assertThat(target).doesNotExist();
    assertThat(written).doesNotExist();
  }

  @Test
  void newDirectoriesAreForcedWhenAFileBeneathThemClosesNotWhenItOpens() throws IOException {
    List<Path> forced = new CopyOnWriteArrayList<>();
    PendingDirectorySyncs syncs = new PendingDirectorySyncs(forced::add);
    Path partition = directory.resolve("t/day=1/space=a");
    PositionOutputStream first = new LocalOutputFile("first", partition.resolve("f1.parquet"), true, true, syncs)
        .create();
    PositionOutputStream second = new LocalOutputFile("second", partition.resolve("f2.parquet"), true, true, syncs)
        .create();
    first.write(1);
    second.write(2);
    assertThat(forced).as("nothing forced on open").isEmpty();
    assertThat(syncs.size()).as("the directories that gained t, day=1 and space=a").isEqualTo(3);

    second.close();
    assertThat(forced).containsExactly(partition, partition.getParent(), partition.getParent().getParent(), directory);
    assertThat(syncs.size()).isZero();
    forced.clear();
    first.close();
    assertThat(forced).as("only the file's own directory: the rest is durable already").containsExactly(partition);
    assertThat(Files.readAllBytes(partition.resolve("f1.parquet"))).containsExactly(1);
  }

  @Test
  void aDirectoryStaysPendingWhileASubdirectoryIsBeingCreatedInIt() throws IOException {
    List<Path> forced = new CopyOnWriteArrayList<>();
    PendingDirectorySyncs syncs = new PendingDirectorySyncs(forced::add);
    syncs.beginCreating(directory);
    syncs.forceUpFrom(directory.resolve("x"));
    assertThat(forced).containsExactly(directory.resolve("x"), directory);
    assertThat(syncs.size()).as("forced, maybe before the new entry existed: still pending").isEqualTo(1);
    syncs.endCreating(directory);
    syncs.forceUpFrom(directory.resolve("x"));
    assertThat(syncs.size()).isZero();
  }

  @Test
  void fsyncCanBeSwitchedOffAndWritesStillLand() throws IOException {
    LocalFileIO io = new LocalFileIO();
    io.initialize(Map.of(LocalFileIO.FSYNC_ENABLED, "false", LocalFileIO.ATOMIC_WRITES_ENABLED, "false"));
    Path path = directory.resolve("a/b/c.txt");
    try (PositionOutputStream stream = io.newOutputFile(path.toString()).create()) {
      stream.write("x".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(Files.readString(path)).isEqualTo("x");
  }

  private static java.util.List<String> siblings(Path path) throws IOException {
    try (Stream<Path> entries = Files.list(path.getParent())) {
      return entries.map(entry -> entry.getFileName().toString()).sorted().toList();
    }
  }
}
