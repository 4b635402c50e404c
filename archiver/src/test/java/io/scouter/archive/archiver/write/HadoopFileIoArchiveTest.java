package io.scouter.archive.archiver.write;

import io.scouter.archive.archiver.run.RunFiles;
import static org.assertj.core.api.Assertions.assertThat;

import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.catalog.hotstore.DriftRecordInserter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The write path through HadoopFileIO, whose output files Parquet otherwise treats specially. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HadoopFileIoArchiveTest {
  private Path warehouse;
  private HotStoreFixture fixture;

  @BeforeAll
  void startStores() throws Exception {
    warehouse = Files.createTempDirectory("scouter-writepath-hadoop-");
    fixture = HotStoreFixture.start("writepath_hadoop", warehouse, "org.apache.iceberg.hadoop.HadoopFileIO");
    new DriftRecordInserter(fixture.hotStore().dataSource()).insert(TestRows.records(DriftType.PSI, 300, 3));
  }

  @AfterAll
  void stopStores() throws IOException {
    fixture.close();
    try (Stream<Path> paths = Files.walk(warehouse)) {
      paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(path -> path.toFile().delete());
    }
  }

  @Test
  void archivesRowForRow() throws SQLException {
    Table table = fixture.createTable(DriftType.PSI, Map.of());
    try (Connection connection = fixture.connect()) {
      RunFiles result = new DriftArchiveWriter(table, DriftType.PSI).write(connection, RowSelection.where("true", "run-8"));
      HotStoreFixture.commit(table, result.files());
      for (DataFile file : result.files()) {
        assertThat(file.fileSizeInBytes()).isEqualTo(table.io().newInputFile(file.location()).getLength());
      }
      assertThat(HotRows.iceberg(table, DriftType.PSI))
          .isEqualTo(HotRows.postgres(connection, DriftType.PSI, "true"));
    }
  }
}
