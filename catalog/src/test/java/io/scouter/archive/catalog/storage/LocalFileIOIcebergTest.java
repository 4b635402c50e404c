package io.scouter.archive.catalog.storage;

import io.scouter.archive.catalog.settings.DatabaseUri;
import io.scouter.archive.catalog.testing.TestDatabases;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.ReachableFileUtil;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real Iceberg through LocalFileIO: a JdbcCatalog on the test PostgreSQL
 * loads it with {@code io-impl}, commits Parquet data and metadata, reads with a filter, expires
 * snapshots (bulk delete) and purges the table, for each accepted form of the warehouse location.
 */
class LocalFileIOIcebergTest {
  private static final TableIdentifier ID = TableIdentifier.of("drift", "features");

  @TempDir Path directory;

  private JdbcCatalog catalog(String warehouse) {
    DatabaseUri database = TestDatabases.freshDatabase("local_file_io");
    JdbcCatalog catalog = new JdbcCatalog();
    catalog.initialize(
        "scouter",
        Map.of(
            CatalogProperties.URI, database.jdbcUrl(),
            "jdbc.user", database.user().orElseThrow(),
            "jdbc.password", database.password().orElse(""),
            CatalogProperties.WAREHOUSE_LOCATION, warehouse,
            CatalogProperties.FILE_IO_IMPL, LocalFileIO.class.getName(),
            "jdbc.schema-version", "V1"));
    return catalog;
  }

  @ParameterizedTest(name = "warehouse form \"{0}\"")
  @ValueSource(strings = {"file://", "file:", ""})
  void commitsReadsExpiresAndPurgesThroughLocalFileIO(String form) throws IOException {
    String warehouse = form + directory.resolve("warehouse");
    try (JdbcCatalog catalog = catalog(warehouse)) {
      catalog.createNamespace(Namespace.of("drift"));
      Table table = catalog.createTable(ID, DriftTables.SCHEMA, DriftTables.SPEC);
      assertThat(table.io()).isInstanceOf(LocalFileIO.class);
      assertThat(table.location()).isEqualTo(warehouse + "/drift/features");

      List<Record> first = new ArrayList<>();
      DriftTables.generate(3_000, 4, 6, first::add);
      assertThat(DriftTables.append(table, first)).hasSize(4 * 6);
      List<Record> second = new ArrayList<>();
      DriftTables.generate(500, 2, 6, second::add);
      DriftTables.append(table, second);

      Table reloaded = catalog.loadTable(ID);
      List<Record> all = new ArrayList<>(first);
      all.addAll(second);
      assertThat(rows(read(reloaded, Expressions.alwaysTrue()))).containsExactlyInAnyOrderElementsOf(rows(all));

      OffsetDateTime from = DriftTables.START.plusDays(1);
      OffsetDateTime to = DriftTables.START.plusDays(3);
      Expression filter =
          Expressions.and(
              Expressions.equal("space", "space-1"),
              Expressions.equal("version", "v1/0"),
              Expressions.greaterThanOrEqual("created_at", from.toString()),
              Expressions.lessThan("created_at", to.toString()));
      List<Record> expected =
          all.stream()
              .filter(row -> row.getField("space").equals("space-1") && row.getField("version").equals("v1/0"))
              .filter(row -> !((OffsetDateTime) row.getField("created_at")).isBefore(from))
              .filter(row -> ((OffsetDateTime) row.getField("created_at")).isBefore(to))
              .toList();
      assertThat(expected).isNotEmpty();
      assertThat(rows(read(reloaded, filter))).containsExactlyInAnyOrderElementsOf(rows(expected));

      // Every listed file is one the metadata references, in the same form: orphan cleanup works.
      assertThat(listed(reloaded)).isEqualTo(reachable(reloaded));

      // Files removed by a snapshot are deleted once that snapshot expires, so append once more.
      reloaded.newDelete().deleteFromRowFilter(Expressions.equal("space", "space-0")).commit();
      List<Record> third = new ArrayList<>();
      DriftTables.generate(60, 1, 6, row -> {
        if (!row.getField("space").equals("space-0")) {
          third.add(row);
        }
      });
      DriftTables.append(reloaded, third);
      all.addAll(third);
      reloaded.expireSnapshots().expireOlderThan(System.currentTimeMillis() + 1).retainLast(1).commit();
      Table afterExpiry = catalog.loadTable(ID);
      assertThat(listed(afterExpiry)).isEqualTo(reachable(afterExpiry));
      assertThat(listed(afterExpiry)).noneMatch(location -> location.contains("space=space-0"));
      assertThat(rows(read(afterExpiry, Expressions.alwaysTrue())))
          .containsExactlyInAnyOrderElementsOf(
              rows(all.stream().filter(row -> !row.getField("space").equals("space-0")).toList()));

      String tableLocation = afterExpiry.location();
      assertThat(catalog.dropTable(ID, true)).isTrue();
      assertThat(new LocalFileIO().listPrefix(tableLocation)).isEmpty();
    }
  }

  private static List<Record> read(Table table, Expression filter) {
    try (CloseableIterable<Record> rows = IcebergGenerics.read(table).where(filter).build()) {
      List<Record> result = new ArrayList<>();
      rows.forEach(row -> result.add(row.copy()));
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Rows as comparable strings; instants compared as instants whatever their offset. */
  private static List<String> rows(List<Record> records) {
    return records.stream()
        .map(
            row ->
                ((OffsetDateTime) row.getField("created_at")).toInstant()
                    + "|" + row.getField("space") + "|" + row.getField("name") + "|" + row.getField("version")
                    + "|" + row.getField("feature") + "|" + row.getField("value"))
        .toList();
  }

  private static Set<String> listed(Table table) {
    return StreamSupport.stream(((LocalFileIO) table.io()).listPrefix(table.location()).spliterator(), false)
        .map(FileInfo::location)
        .collect(Collectors.toSet());
  }

  private static Set<String> reachable(Table table) throws IOException {
    Set<String> files = new HashSet<>(ReachableFileUtil.metadataFileLocations(table, false));
    for (Snapshot snapshot : table.snapshots()) {
      files.add(snapshot.manifestListLocation());
      for (ManifestFile manifest : snapshot.allManifests(table.io())) {
        files.add(manifest.path());
      }
    }
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      tasks.forEach(task -> files.add(task.file().location()));
    }
    return files;
  }
}
