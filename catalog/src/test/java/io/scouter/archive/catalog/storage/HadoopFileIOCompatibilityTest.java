package io.scouter.archive.catalog.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.hadoop.HadoopFileIO;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.io.PositionOutputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A table written by HadoopFileIO stays readable by LocalFileIO at the same locations, and back. */
class HadoopFileIOCompatibilityTest {
  @TempDir Path directory;

  @ParameterizedTest(name = "form \"{0}\"")
  @ValueSource(strings = {"file://", "file:", ""})
  void bothFileIOsMapALocationToTheSameFile(String form) throws IOException {
    HadoopFileIO hadoop = new HadoopFileIO(new Configuration());
    LocalFileIO local = new LocalFileIO();
    String written = form + directory + "/data/name=model+1/version=v1%2F0/by-hadoop.parquet";
    String writtenLocally = form + directory + "/data/name=model+1/version=v1%2F0/by-local.parquet";

    write(hadoop, written, "hadoop");
    write(local, writtenLocally, "local");

    assertThat(read(local, written)).isEqualTo("hadoop");
    assertThat(read(hadoop, writtenLocally)).isEqualTo("local");
    Path partition = directory.resolve("data/name=model+1/version=v1%2F0");
    // HadoopFileIO on file: goes through Hadoop's checksumming LocalFileSystem: a .crc per file.
    assertThat(names(partition)).containsExactly(".by-hadoop.parquet.crc", "by-hadoop.parquet", "by-local.parquet");

    local.deleteFile(written);
    assertThat(hadoop.newInputFile(written).exists()).isFalse();
    assertThat(names(partition)).containsExactly(".by-hadoop.parquet.crc", "by-local.parquet");
  }

  @ParameterizedTest(name = "form \"{0}\"")
  @ValueSource(strings = {"file://", "file:", ""})
  void onlyLocalFileIOListsInTheFormOfThePrefix(String form) throws IOException {
    HadoopFileIO hadoop = new HadoopFileIO(new Configuration());
    LocalFileIO local = new LocalFileIO();
    String prefix = form + directory + "/t";
    write(local, prefix + "/data/f.parquet", "x");

    assertThat(local.listPrefix(prefix)).extracting(FileInfo::location).containsExactly(prefix + "/data/f.parquet");
    // Hadoop qualifies every listed path as file:/..., whatever form the prefix had.
    assertThat(hadoop.listPrefix(prefix)).extracting(FileInfo::location)
        .containsExactly("file:" + directory + "/t/data/f.parquet");
  }

  private static void write(FileIO io, String location, String content) throws IOException {
    try (PositionOutputStream stream = io.newOutputFile(location).create()) {
      stream.write(content.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static String read(FileIO io, String location) throws IOException {
    try (InputStream stream = io.newInputFile(location).newStream()) {
      return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static java.util.List<String> names(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.map(entry -> entry.getFileName().toString()).sorted().toList();
    }
  }
}
