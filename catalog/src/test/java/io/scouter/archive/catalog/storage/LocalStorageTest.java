package io.scouter.archive.catalog.storage;

import io.scouter.archive.catalog.settings.DatabaseUri;
import io.scouter.archive.catalog.testing.TestDatabases;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A local warehouse through LocalFileIO, given as a relative path as on a laptop. */
class LocalStorageTest {
  @TempDir Path workingDirectory;
  private final DatabaseUri catalogDatabase = TestDatabases.freshDatabase("catalog");

  @Test
  void relativePathWarehouseWritesReadsAndListsParquet() throws Exception {
    StorageSettings settings = StorageSettings.fromEnvironment(
        Map.of("SCOUTER_STORAGE_URI", "archive/warehouse"), workingDirectory);
    Path warehouse = workingDirectory.resolve("archive/warehouse");
    assertThat(settings.warehouseLocation()).isEqualTo("file:" + warehouse);
    FileIOFactory factory = new FileIOFactory();
    try (FileIO io = factory.create(settings)) {
      assertThat(io).isInstanceOf(LocalFileIO.class);
    }

    Map<String, String> engineProperties =
        RoundTrip.writeReadAndCheck(catalogDatabase, settings, factory, () -> list(warehouse));
    RoundTrip.readAsExternalEngine(catalogDatabase, engineProperties);
  }

  private static List<String> list(Path directory) {
    try (Stream<Path> files = Files.walk(directory)) {
      return files.filter(Files::isRegularFile)
          // Hadoop's checksum side files are not part of the table
          .filter(file -> !file.getFileName().toString().endsWith(".crc"))
          .map(file -> "file:" + file)
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
