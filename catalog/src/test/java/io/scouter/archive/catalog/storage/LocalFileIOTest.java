package io.scouter.archive.catalog.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.exceptions.RuntimeIOException;
import org.apache.iceberg.io.BulkDeletionFailureException;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.io.PositionOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalFileIOTest {
  @TempDir Path directory;
  private final LocalFileIO io = new LocalFileIO();

  private Path file(String relative, String content) throws IOException {
    Path path = directory.resolve(relative);
    Files.createDirectories(path.getParent());
    return Files.writeString(path, content);
  }

  private static List<FileInfo> list(Iterable<FileInfo> files) {
    List<FileInfo> result = new ArrayList<>();
    files.forEach(result::add);
    return result;
  }

  @Test
  void deleteFileRemovesTheFileAndIgnoresAMissingOne() throws IOException {
    Path path = file("a.parquet", "x");
    io.deleteFile("file://" + path);
    assertThat(path).doesNotExist();
    io.deleteFile("file://" + path);
    io.deleteFile(directory + "/never/existed");
  }

  @Test
  void deleteFileRefusesDirectoriesAndForeignLocations() throws IOException {
    Path empty = Files.createDirectory(directory.resolve("empty"));
    assertThatThrownBy(() -> io.deleteFile(empty.toString()))
        .isInstanceOf(RuntimeIOException.class)
        .hasMessage("Cannot delete file: Is a directory: " + empty);
    assertThat(empty).isDirectory();
    assertThatThrownBy(() -> io.deleteFile("s3://bucket/key"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid location: s3://bucket/key (LocalFileIO supports only file: URIs and absolute paths)");
  }

  @Test
  void deleteFileRemovesASymbolicLinkNotItsTarget() throws IOException {
    Path target = file("target", "x");
    Path link = Files.createSymbolicLink(directory.resolve("link"), target);
    io.deleteFile(link.toString());
    assertThat(link).doesNotExist();
    assertThat(target).exists();
  }

  @Test
  void bulkDeleteToleratesMissingFiles() throws IOException {
    Path first = file("1", "x");
    Path second = file("2", "y");
    io.deleteFiles(List.of(first.toString(), directory + "/missing", "file://" + second));
    assertThat(first).doesNotExist();
    assertThat(second).doesNotExist();
  }

  @Test
  void bulkDeleteCountsFailuresAndDeletesTheRest() throws IOException {
    Path first = file("1", "x");
    Path nonEmpty = file("dir/inside", "y").getParent();
    Path last = file("3", "z");
    List<String> locations =
        List.of(first.toString(), nonEmpty.toString(), "s3://bucket/key", directory + "/missing", last.toString());
    assertThatThrownBy(() -> io.deleteFiles(locations))
        .isInstanceOfSatisfying(
            BulkDeletionFailureException.class, e -> assertThat(e.numberFailedObjects()).isEqualTo(2))
        .hasMessage("Failed to delete 2 files");
    assertThat(first).doesNotExist();
    assertThat(last).doesNotExist();
    assertThat(nonEmpty.resolve("inside")).exists();
  }

  @ParameterizedTest
  @ValueSource(strings = {"file://", "file:", "", "file://|/"})
  void listPrefixWalksRecursivelyAndAnswersInThePrefixForm(String form) throws IOException {
    file("t/metadata/v1.metadata.json", "12345");
    file("t/data/day=2026-01-01/space=a%2Fb/f1.parquet", "123");
    file("t/data/day=2026-01-01/space=c/f2.parquet", "1");
    file("t/data/.f3.parquet.abc.tmp", "");
    Files.createDirectories(directory.resolve("t/data/empty/deeper"));
    file("t2/other", "outside the prefix");
    FileTime modified = FileTime.fromMillis(1_700_000_000_000L);
    Files.setLastModifiedTime(directory.resolve("t/metadata/v1.metadata.json"), modified);

    boolean trailingSlash = form.endsWith("|/");
    String scheme = trailingSlash ? form.substring(0, form.length() - 2) : form;
    String prefix = scheme + directory + "/t" + (trailingSlash ? "/" : "");
    String base = scheme + directory + "/t/";

    assertThat(list(io.listPrefix(prefix)))
        .extracting(FileInfo::location, FileInfo::size)
        .containsExactlyInAnyOrder(
            tuple(base + "metadata/v1.metadata.json", 5L),
            tuple(base + "data/day=2026-01-01/space=a%2Fb/f1.parquet", 3L),
            tuple(base + "data/day=2026-01-01/space=c/f2.parquet", 1L),
            tuple(base + "data/.f3.parquet.abc.tmp", 0L));
    assertThat(list(io.listPrefix(prefix)))
        .filteredOn(info -> info.location().endsWith(".json"))
        .singleElement()
        .extracting(FileInfo::createdAtMillis)
        .isEqualTo(1_700_000_000_000L);
  }

  @Test
  void listPrefixOfAMissingDirectoryIsEmpty() {
    assertThat(io.listPrefix("file://" + directory + "/missing")).isEmpty();
  }

  @Test
  void listPrefixOfAFileListsThatFile() throws IOException {
    Path path = file("single", "abc");
    assertThat(list(io.listPrefix("file:" + path)))
        .extracting(FileInfo::location, FileInfo::size)
        .containsExactly(tuple("file:" + path, 3L));
  }

  @Test
  void listPrefixDoesNotFollowLinksBelowThePrefix() throws IOException {
    file("outside/secret", "x");
    file("t/own", "y");
    Files.createSymbolicLink(directory.resolve("t/link"), directory.resolve("outside"));
    assertThat(list(io.listPrefix(directory + "/t"))).extracting(FileInfo::location).containsExactly(directory + "/t/own");
  }

  @Test
  void listPrefixIsLazyAndReiterable() throws IOException {
    Iterable<FileInfo> files = io.listPrefix(directory + "/t");
    file("t/late", "x");
    assertThat(files).hasSize(1);
    file("t/later", "x");
    assertThat(files).hasSize(2);
    Iterator<FileInfo> iterator = io.listPrefix(directory + "/missing").iterator();
    assertThat(iterator.hasNext()).isFalse();
  }

  @Test
  void listPrefixRejectsAForeignLocationImmediately() {
    assertThatThrownBy(() -> io.listPrefix("gs://bucket/t"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid location: gs://bucket/t (LocalFileIO supports only file: URIs and absolute paths)");
  }

  @Test
  void exhaustedTreeIteratorSaysSo() {
    Iterator<FileInfo> iterator = new LocalFileTreeIterator(directory, directory.toString());
    assertThat(iterator.hasNext()).isFalse();
    assertThatThrownBy(iterator::next)
        .isInstanceOf(java.util.NoSuchElementException.class)
        .hasMessage("No more files");
  }

  @Test
  void deletePrefixRemovesTheTreeButNotSiblingsSharingTheName() throws IOException {
    file("t/data/a/1", "x");
    file("t/metadata/2", "y");
    Files.createDirectories(directory.resolve("t/empty"));
    Path sibling = file("t2/keep", "z");
    io.deletePrefix("file://" + directory + "/t");
    assertThat(directory.resolve("t")).doesNotExist();
    assertThat(sibling).exists();
    assertThat(io.listPrefix("file://" + directory + "/t")).isEmpty();
  }

  @Test
  void deletePrefixOfAMissingLocationDoesNothing() {
    io.deletePrefix(directory + "/missing");
    assertThat(directory).isEmptyDirectory();
  }

  @Test
  void deletePrefixUnlinksALinkedPrefixAndKeepsItsTarget() throws IOException {
    Path target = file("real/file", "x");
    Path link = Files.createSymbolicLink(directory.resolve("linked"), target.getParent());
    Path inner = Files.createSymbolicLink(directory.resolve("real/inner-link"), file("other/kept", "k"));
    io.deletePrefix(directory + "/real");
    assertThat(directory.resolve("real")).doesNotExist();
    assertThat(inner.getParent()).doesNotExist();
    assertThat(directory.resolve("other/kept")).exists();
    assertThat(Files.isSymbolicLink(link)).isTrue();

    file("again/file", "x");
    Path linkAgain = Files.createSymbolicLink(directory.resolve("link-again"), directory.resolve("again"));
    io.deletePrefix(linkAgain.toString());
    assertThat(linkAgain).doesNotExist();
    assertThat(directory.resolve("again/file")).exists();
  }

  @Test
  void propertiesAreKeptAndUnknownKeysTolerated() {
    assertThat(io.properties()).isEmpty();
    io.initialize(Map.of("warehouse", "file:///wh", LocalFileIO.FSYNC_ENABLED, "FALSE"));
    assertThat(io.properties()).containsOnly(
        Map.entry("warehouse", "file:///wh"), Map.entry(LocalFileIO.FSYNC_ENABLED, "FALSE"));
    assertThat(io).hasToString("LocalFileIO{atomicWrites=true, fsync=false}");
    assertThatThrownBy(() -> io.properties().put("x", "y")).isInstanceOf(UnsupportedOperationException.class)
        .hasMessage(null);
  }

  @Test
  void invalidBooleanPropertyFailsFastWithItsName() {
    assertThatThrownBy(() -> io.initialize(Map.of(LocalFileIO.ATOMIC_WRITES_ENABLED, "yes")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid local.atomic-writes-enabled: yes (expected true or false)");
  }

  @Test
  void loadsThroughIcebergsIoImplMechanism() {
    FileIO loaded =
        CatalogUtil.loadFileIO(LocalFileIO.class.getName(), Map.of(LocalFileIO.ATOMIC_WRITES_ENABLED, "false"), null);
    assertThat(loaded).isInstanceOf(LocalFileIO.class).hasToString("LocalFileIO{atomicWrites=false, fsync=true}");
    loaded.close();
  }

  @Test
  void survivesJavaSerializationWithItsSettings() throws Exception {
    io.initialize(Map.of(LocalFileIO.ATOMIC_WRITES_ENABLED, "false", "k", "v"));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(io);
    }
    LocalFileIO copy;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (LocalFileIO) in.readObject();
    }
    assertThat(copy.properties()).isEqualTo(io.properties());
    assertThat(copy).hasToString("LocalFileIO{atomicWrites=false, fsync=true}");

    String location = directory + "/serialized";
    try (PositionOutputStream stream = copy.newOutputFile(location).create()) {
      stream.write("ok".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(io.newInputFile(location).getLength()).isEqualTo(2);
  }
}
