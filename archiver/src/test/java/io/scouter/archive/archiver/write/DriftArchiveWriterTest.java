package io.scouter.archive.archiver.write;

import io.scouter.archive.archiver.run.RunFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scouter.archive.catalog.drift.DriftTableDefinition;
import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.catalog.hotstore.DriftRecordInserter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The write path end to end: real PostgreSQL, real Iceberg JDBC catalog and commit, real files.
 * About 80% of the rows, chosen by a hash of the row, are selected; the rest must stay out.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DriftArchiveWriterTest {
  /**
   * About 80% of the seeded rows (a hash of the row), the way a run's slice selects some rows and
   * not others; the rows single tests add (spaces roll, bad, cancel, dict) are never among them.
   */
  private static final String SELECTED =
      "space NOT IN ('roll', 'bad', 'cancel', 'dict') AND abs(hashtext(created_at::text || name)) % 10 >= 2";
  private static final RowSelection RUN = RowSelection.where(SELECTED, "run-1");
  private static final String LOCAL_FILE_IO = "io.scouter.archive.catalog.storage.LocalFileIO";
  private final AtomicInteger tables = new AtomicInteger();
  private Path warehouse;
  private HotStoreFixture fixture;

  @BeforeAll
  void startStores() throws Exception {
    warehouse = Files.createTempDirectory("scouter-writepath-test-");
    fixture = HotStoreFixture.start("writepath", warehouse, LOCAL_FILE_IO);
    DriftRecordInserter inserter = new DriftRecordInserter(fixture.hotStore().dataSource());
    for (DriftType type : DriftType.values()) {
      inserter.insert(TestRows.records(type, 3000, 20));
    }
  }

  @AfterAll
  void stopStores() throws IOException {
    fixture.close();
    try (Stream<Path> paths = Files.walk(warehouse)) {
      paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(path -> path.toFile().delete());
    }
  }

  static Stream<Arguments> typesAndThreads() {
    return Stream.of(
        Arguments.of(DriftType.SPC, 0), Arguments.of(DriftType.SPC, 1), Arguments.of(DriftType.SPC, 2),
        Arguments.of(DriftType.PSI, 1), Arguments.of(DriftType.CUSTOM, 1), Arguments.of(DriftType.CUSTOM, 0));
  }

  @ParameterizedTest(name = "{0} with {1} encoder threads")
  @MethodSource("typesAndThreads")
  void archivesExactlyTheRunsRowsRowForRow(DriftType type, int encoderThreads) throws SQLException {
    Table table = newTable(type, Map.of());
    RunFiles result;
    try (Connection connection = fixture.connect()) {
      result = new DriftArchiveWriter(table, type, ArchiveWriteOptions.defaults().withEncoderThreads(encoderThreads))
          .write(connection, RUN);
    }
    HotStoreFixture.commit(table, result.files());
    table.refresh();

    Map<List<Object>, Long> expected;
    try (Connection connection = fixture.connect()) {
      expected = HotRows.postgres(connection, type, SELECTED);
    }
    assertThat(HotRows.count(expected)).isGreaterThan(2000);
    assertThat(HotRows.iceberg(table, type)).isEqualTo(expected);
    assertThat(result.rows()).isEqualTo(HotRows.count(expected));
    assertThat(result.minCreatedAt()).contains(Instant.parse("0001-01-01T00:00:00Z"));
    assertThat(result.maxCreatedAt()).contains(Instant.parse("9999-12-31T23:59:59.999999Z"));
    assertThat(result.files()).allSatisfy(file -> {
      assertThat(file.sortOrderId()).isEqualTo(table.sortOrder().orderId());
      assertThat(file.location()).contains("run-1-");
    });
  }

  /**
   * 3,000 distinct timestamps, each shared by 5 features: a dictionary that pays (24 KB of values for
   * 15,000 rows) but outgrows the definition's 16 KiB limit, so whether created_at keeps its dictionary
   * page shows which limit the writer used.
   */
  @Test
  void appliesTheDefinitionsWriteTuningUnlessTheTableSetsItsOwn() throws Exception {
    fixture.execute("INSERT INTO scouter.spc_drift (created_at, space, name, version, feature, value) "
        + "SELECT timestamptz '2024-03-01T00:00:00Z' + s * interval '10 seconds', 'dict', 'model', '1.0', "
        + "'f' || f, s * 10 + f FROM generate_series(0, 2999) s, generate_series(1, 5) f");
    RowSelection dictRows = RowSelection.where("space = 'dict'", "dict");
    Table tableOfAnEarlierVersion = newTable(DriftType.SPC, Map.of());
    tableOfAnEarlierVersion.updateProperties().remove(TableProperties.PARQUET_DICT_SIZE_BYTES).commit();
    Table tableWithItsOwnLimit = newTable(DriftType.SPC,
        Map.of(TableProperties.PARQUET_DICT_SIZE_BYTES, Integer.toString(2 * 1024 * 1024)));
    assertThat(tableOfAnEarlierVersion.properties()).doesNotContainKey(TableProperties.PARQUET_DICT_SIZE_BYTES);

    RunFiles tuned = write(tableOfAnEarlierVersion, DriftType.SPC, dictRows, ArchiveWriteOptions.defaults());
    RunFiles own = write(tableWithItsOwnLimit, DriftType.SPC, dictRows, ArchiveWriteOptions.defaults());

    assertThat(tuned.rows()).isEqualTo(15_000);
    assertThat(dictionaryPages(tuned)).containsEntry("created_at", false).containsEntry("value", false)
        .containsEntry("feature", true);
    assertThat(dictionaryPages(own)).containsEntry("created_at", true).containsEntry("value", false)
        .containsEntry("feature", true);
  }

  /** Per column of the run's only file: whether its chunk starts with a dictionary page. */
  private static Map<String, Boolean> dictionaryPages(RunFiles run) throws IOException {
    assertThat(run.files()).hasSize(1);
    Path file = Path.of(java.net.URI.create(run.files().get(0).location()));
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
      Map<String, Boolean> pages = new HashMap<>();
      assertThat(reader.getFooter().getBlocks()).hasSize(1);
      for (ColumnChunkMetaData column : reader.getFooter().getBlocks().get(0).getColumns()) {
        pages.put(column.getPath().toDotString(), column.hasDictionaryPage());
      }
      return pages;
    }
  }

  @Test
  void writesOneFilePerPartitionWhenDataIsSmall() throws SQLException {
    Table table = newTable(DriftType.SPC, Map.of());
    RunFiles result = write(table, DriftType.SPC, ArchiveWriteOptions.defaults().withEncoderThreads(2));

    Set<String> partitions = new HashSet<>();
    result.files().forEach(file -> partitions.add(table.spec().partitionToPath(file.partition())));
    assertThat(partitions).hasSizeGreaterThan(100);
    assertThat(result.files()).hasSize(partitions.size());
    assertThat(result.files().stream().mapToLong(DataFile::recordCount).sum()).isEqualTo(result.rows());
  }

  @Test
  void rollsToANewFileAtTheTargetSize() throws SQLException {
    fixture.execute("INSERT INTO scouter.custom_metric (created_at, space, name, version, metric, value) "
        + "SELECT timestamptz '2030-06-01 00:00:00+00' + s * interval '1 second', 'roll', 'big', '1', "
        + "'metric_' || (s % 7), sin(s) * 1e6 FROM generate_series(0, 59999) s");
    Table table = newTable(DriftType.CUSTOM, Map.of(TableProperties.WRITE_TARGET_FILE_SIZE_BYTES, "65536"));
    RunFiles result;
    try (Connection connection = fixture.connect()) {
      result = new DriftArchiveWriter(table, DriftType.CUSTOM).write(connection, RowSelection.where("space = 'roll'", "run-3"));
    }
    HotStoreFixture.commit(table, result.files());

    assertThat(result.rows()).isEqualTo(60_000);
    assertThat(result.files()).hasSizeGreaterThan(3);
    // Rolling is checked every 1000 rows, after the file reached the target by Parquet's estimate.
    assertThat(result.files().stream().filter(file -> file.recordCount() % 1000 != 0)).hasSizeLessThanOrEqualTo(1);
    assertThat(result.files()).allSatisfy(file -> assertThat(file.fileSizeInBytes()).isLessThan(4 * 65536));
    try (Connection connection = fixture.connect()) {
      assertThat(HotRows.iceberg(table, DriftType.CUSTOM))
          .isEqualTo(HotRows.postgres(connection, DriftType.CUSTOM, "space = 'roll'"));
    }
  }

  @Test
  void splitsAPartitionLargerThanOneRunIntoSortedFiles() throws SQLException {
    Table table = newTable(DriftType.SPC, Map.of());
    RunFiles result = write(table, DriftType.SPC, ArchiveWriteOptions.defaults().withMaxRunRows(7));
    HotStoreFixture.commit(table, result.files());

    assertThat(result.files()).allSatisfy(file -> assertThat(file.recordCount()).isLessThanOrEqualTo(7));
    try (Connection connection = fixture.connect()) {
      assertThat(HotRows.iceberg(table, DriftType.SPC))
          .isEqualTo(HotRows.postgres(connection, DriftType.SPC, SELECTED));
    }
    DataFileChecks.assertEachFileSorted(table, DriftType.SPC, result.files());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void writesSortedFilesWithTheColumnMetricsOfIcebergsGenericWriter(DriftType type) throws SQLException {
    Table table = newTable(type, Map.of());
    RunFiles ours = write(table, type, ArchiveWriteOptions.defaults());
    List<DataFile> generic;
    try (Connection connection = fixture.connect()) {
      generic = NaiveArchiveWriter.write(table, type, connection, RUN);
    }

    DataFileChecks.assertSameMetricsPerPartition(table, ours.files(), generic);
    DataFileChecks.assertEachFileSorted(table, type, ours.files());
    DataFileChecks.assertFullBoundsForLongNames(ours.files());
  }

  static Stream<DriftType> types() {
    return Stream.of(DriftType.values());
  }

  @Test
  void returnsNoFilesForAnEmptySelection() throws SQLException {
    Table table = newTable(DriftType.PSI, Map.of());
    RunFiles result = write(table, DriftType.PSI, RowSelection.where("space = 'nobody'", "run-999"), ArchiveWriteOptions.defaults());
    assertThat(result.files()).isEmpty();
    assertThat(result.rows()).isZero();
    assertThat(result.minCreatedAt()).isEmpty();
  }

  @ParameterizedTest(name = "{0} encoder threads")
  @MethodSource("threadCounts")
  void deletesItsFilesAndKeepsTheConnectionUsableWhenARowCannotBeArchived(int threads) throws SQLException {
    fixture.execute("INSERT INTO scouter.spc_drift (created_at, space, name, version, feature, value) "
        + "SELECT timestamptz '2031-01-01 00:00:00+00' + s * interval '1 hour', 'bad', 'entity', '1', 'f', s "
        + "FROM generate_series(0, 999) s UNION ALL "
        + "SELECT 'infinity', 'bad', 'entity', '1', 'f', -1");
    Table table = newTable(DriftType.SPC, Map.of());
    try (Connection connection = fixture.connect()) {
      DriftArchiveWriter writer = new DriftArchiveWriter(
          table, DriftType.SPC, ArchiveWriteOptions.defaults().withEncoderThreads(threads));
      assertThatThrownBy(() -> writer.write(connection, RowSelection.where("space = 'bad'", "run-4")))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("Cannot archive an infinite timestamp (field 0)");

      try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("SELECT 1")) {
        assertThat(rows.next()).isTrue();
      }
    } finally {
      fixture.execute("DELETE FROM scouter.spc_drift WHERE space = 'bad'");
    }
    assertThat(parquetFilesUnder(table)).isEmpty();
  }

  @Test
  void cancelsALongCopyAndKeepsTheConnectionUsable() throws SQLException {
    // '-infinity' sorts first: the failure comes with 300,000 rows still to stream.
    fixture.execute("INSERT INTO scouter.custom_metric (created_at, space, name, version, metric, value) "
        + "SELECT '-infinity', 'cancel', 'entity', '1', 'm', -1 UNION ALL "
        + "SELECT timestamptz '2031-01-01 00:00:00+00' + s * interval '1 second', 'cancel', 'entity', '1', 'm', s "
        + "FROM generate_series(0, 299999) s");
    Table table = newTable(DriftType.CUSTOM, Map.of());
    try (Connection connection = fixture.connect()) {
      DriftArchiveWriter writer = new DriftArchiveWriter(
          table, DriftType.CUSTOM, ArchiveWriteOptions.defaults(), java.time.Duration.ZERO);
      assertThatThrownBy(() -> writer.write(connection, RowSelection.where("space = 'cancel'", "run-5")))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("Cannot archive an infinite timestamp (field 0)")
          .satisfies(e -> assertThat(e.getSuppressed()).isEmpty());

      for (int i = 0; i < 3; i++) {
        try (Statement statement = connection.createStatement();
            ResultSet rows = statement.executeQuery("SELECT count(*) FROM scouter.custom_metric WHERE space = 'cancel'")) {
          assertThat(rows.next()).isTrue();
          assertThat(rows.getLong(1)).isEqualTo(300_001);
        }
      }
    } finally {
      fixture.execute("DELETE FROM scouter.custom_metric WHERE space = 'cancel'");
    }
    assertThat(parquetFilesUnder(table)).isEmpty();
  }

  static Stream<Integer> threadCounts() {
    return Stream.of(0, 2);
  }

  @Test
  void deletesItsFilesWhenAnEncoderThreadFails() throws SQLException {
    Table table = newTable(DriftType.SPC, Map.of(TableProperties.PARQUET_COMPRESSION, "no-such-codec"));
    try (Connection connection = fixture.connect()) {
      DriftArchiveWriter writer = new DriftArchiveWriter(
          table, DriftType.SPC, ArchiveWriteOptions.defaults().withEncoderThreads(2));
      assertThatThrownBy(() -> writer.write(connection, RUN))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("no-such-codec");
      try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("SELECT 1")) {
        assertThat(rows.next()).isTrue();
      }
    }
    assertThat(parquetFilesUnder(table)).isEmpty();
  }

  @Test
  void rejectsATableWhosePartitioningIsNotTheDriftTables() {
    DriftTableDefinition definition = DriftTableDefinition.of(DriftType.SPC);
    Table table = fixture.catalog().buildTable(
            TableIdentifier.of(DriftTableDefinition.NAMESPACE, "spc_by_day_only"), definition.schema())
        .withPartitionSpec(PartitionSpec.builderFor(definition.schema()).day("created_at").build())
        .create();
    assertThatThrownBy(() -> new DriftArchiveWriter(table, DriftType.SPC))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Cannot archive into table scouter.scouter.spc_by_day_only: partition spec");
  }

  @Test
  void rejectsATableOfAnotherDriftType() {
    Table table = newTable(DriftType.PSI, Map.of());
    assertThatThrownBy(() -> new DriftArchiveWriter(table, DriftType.SPC))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not the spc drift schema");
  }

  private RunFiles write(Table table, DriftType type, ArchiveWriteOptions options) throws SQLException {
    return write(table, type, RUN, options);
  }

  private RunFiles write(Table table, DriftType type, RowSelection rows, ArchiveWriteOptions options)
      throws SQLException {
    try (Connection connection = fixture.connect()) {
      return new DriftArchiveWriter(table, type, options).write(connection, rows);
    }
  }

  private Table newTable(DriftType type, Map<String, String> properties) {
    return fixture.createTable(type, type.tableName() + "_" + tables.incrementAndGet(), properties);
  }

  private static List<Path> parquetFilesUnder(Table table) {
    Path root = Path.of(java.net.URI.create(table.location()));
    if (!Files.exists(root)) {
      return List.of();
    }
    try (Stream<Path> paths = Files.walk(root)) {
      return paths.filter(path -> path.toString().endsWith(".parquet") || path.getFileName().toString().startsWith("."))
          .filter(Files::isRegularFile).toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
