package io.scouter.archive.catalog.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import io.scouter.archive.catalog.settings.DatabaseUri;
import io.scouter.archive.catalog.storage.LocalFileIO;
import io.scouter.archive.catalog.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableScan;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.inmemory.InMemoryFileIO;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JdbcCatalog on the test PostgreSQL, a local table of three manifests, planned both ways. */
class ScanPlanningTest {
  private static final Schema SCHEMA = new Schema(
      Types.NestedField.required(1, "name", Types.StringType.get()),
      Types.NestedField.required(2, "value", Types.DoubleType.get()));
  private static final PartitionSpec SPEC = PartitionSpec.builderFor(SCHEMA).identity("name").build();

  @TempDir Path directory;

  @BeforeEach
  void forgetReads() {
    ManifestReadThreads.THREADS.clear();
  }

  @Test
  void aLocalTablesManifestsAreReadOnTheQueryThreadAndPlanTheSameFiles() throws IOException {
    try (JdbcCatalog catalog = catalog()) {
      Table table = tableOfThreeManifests(catalog);

      Set<String> iceberg = plannedFiles(table.newScan().filter(Expressions.equal("name", "e1")));
      Set<String> icebergThreads = Set.copyOf(ManifestReadThreads.THREADS);
      ManifestReadThreads.THREADS.clear();
      Set<String> ours = plannedFiles(
          ScanPlanning.forStorage(table.newScan().filter(Expressions.equal("name", "e1")), table));

      // Iceberg plans more than one manifest on its worker pool; the test would pass vacuously otherwise.
      assertThat(icebergThreads).isNotEmpty().doesNotContain(Thread.currentThread().getName());
      assertThat(ManifestReadThreads.THREADS).containsExactly(Thread.currentThread().getName());
      assertThat(ours).isEqualTo(iceberg).hasSize(2);
    }
  }

  /**
   * Iceberg's planning queue holds 30,000 entries; a task that fills it yields and is resumed once
   * the query drained it. On the calling thread that must neither hang nor lose a file.
   */
  @Test
  void aManifestLargerThanIcebergsPlanningQueueIsPlannedWhole() throws IOException {
    try (JdbcCatalog catalog = catalog()) {
      Table table = tableOfThreeManifests(catalog);
      int files = 35_000;
      AppendFiles append = table.newFastAppend();
      for (int file = 0; file < files; file++) {
        append.appendFile(dataFile(table, "e1", "large-" + file));
      }
      append.commit();
      ManifestReadThreads.THREADS.clear();

      Set<String> planned = plannedFiles(
          ScanPlanning.forStorage(table.newScan().filter(Expressions.equal("name", "e1")), table));

      assertThat(ManifestReadThreads.THREADS).containsExactly(Thread.currentThread().getName());
      assertThat(planned).hasSize(files + 2).contains(table.location() + "/data/name=e1/large-34999.parquet");
    }
  }

  @Test
  void onlyALocalDiskIsPlannedOnTheCallingThread() {
    assertThat(ScanPlanning.readsOnCallingThread(new LocalFileIO())).isTrue();
    assertThat(ScanPlanning.readsOnCallingThread(new InMemoryFileIO())).isFalse();
  }

  private JdbcCatalog catalog() {
    DatabaseUri database = TestDatabases.freshDatabase("scan_planning");
    JdbcCatalog catalog = new JdbcCatalog();
    catalog.initialize("scouter", Map.of(
        CatalogProperties.URI, database.jdbcUrl(),
        "jdbc.user", database.user().orElseThrow(),
        "jdbc.password", database.password().orElse(""),
        CatalogProperties.WAREHOUSE_LOCATION, "file://" + directory.resolve("warehouse"),
        CatalogProperties.FILE_IO_IMPL, ManifestReadThreads.class.getName(),
        "jdbc.schema-version", "V1"));
    return catalog;
  }

  /** One append per entity, so three manifests; planning reads no data file, so none is written. */
  private static Table tableOfThreeManifests(JdbcCatalog catalog) {
    catalog.createNamespace(Namespace.of("drift"));
    Table table = catalog.createTable(TableIdentifier.of("drift", "planned"), SCHEMA, SPEC);
    for (String entity : new String[] {"e0", "e1", "e2"}) {
      AppendFiles append = table.newFastAppend();
      for (int file = 0; file < 2; file++) {
        append.appendFile(dataFile(table, entity, Integer.toString(file)));
      }
      append.commit();
    }
    assertThat(table.currentSnapshot().dataManifests(table.io())).hasSize(3);
    return table;
  }

  private static DataFile dataFile(Table table, String entity, String name) {
    return DataFiles.builder(SPEC).withPath(table.location() + "/data/name=" + entity + "/" + name + ".parquet")
        .withFileSizeInBytes(1_000).withRecordCount(10).withPartitionPath("name=" + entity).build();
  }

  private static Set<String> plannedFiles(TableScan scan) throws IOException {
    Set<String> files = new HashSet<>();
    try (CloseableIterable<FileScanTask> tasks = scan.planFiles()) {
      tasks.forEach(task -> files.add(task.file().location()));
    }
    return files;
  }

  /** LocalFileIO noting which threads open manifests ({@code -m<n>.avro}). */
  public static final class ManifestReadThreads extends LocalFileIO {
    static final Set<String> THREADS = ConcurrentHashMap.newKeySet();

    @Override
    public InputFile newInputFile(String location) {
      note(location);
      return super.newInputFile(location);
    }

    @Override
    public InputFile newInputFile(String location, long length) {
      note(location);
      return super.newInputFile(location, length);
    }

    private static void note(String location) {
      if (location.matches(".*-m\\d+\\.avro")) {
        THREADS.add(Thread.currentThread().getName());
      }
    }
  }
}
