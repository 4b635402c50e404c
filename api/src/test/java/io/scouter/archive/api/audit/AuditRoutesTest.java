package io.scouter.archive.api.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.scouter.archive.api.ScouterArchiveApplication;
import io.scouter.archive.api.config.ScouterArchiveConfiguration;
import io.scouter.archive.api.testing.ArchiveBench;
import io.scouter.archive.api.testing.TestApiKeys;
import io.scouter.archive.catalog.drift.DriftRecord;
import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.catalog.settings.DatabaseUri;
import io.scouter.archive.catalog.testing.TestDatabases;
import io.scouter.archive.catalog.testing.TemporaryDirectories;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.parquet.Parquet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The audit routes over HTTP on the real service. Archive run k archives days 1-2; the answers of
 * several windows are recorded then, and tag {@code q3-signoff} set. Then days 3-4 are archived,
 * late arrivals into days 1-2 are inserted and archived, and a file of day 3 is rewritten (a
 * {@code replace} snapshot, as compaction makes). The as-of answers for run k must not have moved.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AuditRoutesTest {
  private static final String DATABASE = TestDatabases.freshDatabaseUri("audit_routes");
  private static final Path WAREHOUSE = temporaryDirectory();
  private static final DropwizardAppExtension<ScouterArchiveConfiguration> APP = new DropwizardAppExtension<>(
      ScouterArchiveApplication.class, ResourceHelpers.resourceFilePath("test-config.yml"),
      ConfigOverride.config("database.uri", DATABASE), ConfigOverride.config("storage.uri", WAREHOUSE.toString()));
  private static final String TAG = "q3-signoff";
  /** Windows as (begin, end, points): whole days 1-2, an irregular span, and day 2 in fine bins. */
  private static final List<String[]> WINDOWS = List.of(
      new String[] {"2026-03-01T00:00:00Z", "2026-03-03T00:00:00Z", "48"},
      new String[] {"2026-03-01T05:00:00Z", "2026-03-02T13:00:00Z", "7"},
      new String[] {"2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z", "1000"});
  private static final List<String> ROUTES = List.of("spc", "custom", "psi");
  private static final Map<String, DriftType> ROUTE_TABLES =
      Map.of("spc", DriftType.SPC, "custom", DriftType.CUSTOM, "psi", DriftType.PSI);

  private static ArchiveBench bench;
  private static final Map<String, String> RECORDED = new LinkedHashMap<>();
  private static final Map<DriftType, Long> RUN_K = new EnumMap<>(DriftType.class);
  private static Instant afterRunK;
  private static long moreDays;
  private static long late;
  private static long replaced;

  private static Path temporaryDirectory() {
    return TemporaryDirectories.create("audit-routes-");
  }

  @BeforeAll
  static void archiveRecordAndArriveLate() throws Exception {
    TestApiKeys.authenticate(APP);
    bench = new ArchiveBench(DatabaseUri.parse(DATABASE).orElseThrow(), WAREHOUSE);
    registerPsiProfile();
    bench.insert(AuditData.days(1, 2));
    bench.archiveBefore(AuditData.day(3));
    for (DriftType type : DriftType.values()) {
      RUN_K.put(type, current(type));
    }
    for (String route : ROUTES) {
      for (String[] window : WINDOWS) {
        Response response = drift(route, window, "");
        assertThat(response.getStatus()).isEqualTo(200);
        RECORDED.put(route + Arrays.toString(window), response.readEntity(String.class));
      }
    }
    Thread.sleep(20);
    afterRunK = Instant.now();
    Thread.sleep(20);
    assertThat(post("{\"name\": \"" + TAG + "\"}").getStatus()).isEqualTo(201);

    bench.insert(AuditData.days(3, 4));
    bench.archiveBefore(AuditData.day(5));
    moreDays = current(DriftType.SPC);
    bench.insert(AuditData.lateArrivals());
    bench.archiveBefore(AuditData.day(5));
    late = current(DriftType.SPC);
    replaced = rewriteOneFileOfDay3();
  }

  @AfterAll
  static void close() {
    bench.close();
  }

  private static long current(DriftType type) {
    Table table = bench.catalog.table(type);
    table.refresh();
    return table.currentSnapshot().snapshotId();
  }

  /** What compaction does to the files, in its simplest form: one file replaced by an identical copy. */
  private static long rewriteOneFileOfDay3() throws IOException {
    Table table = bench.catalog.table(DriftType.SPC);
    DataFile original;
    try (CloseableIterable<FileScanTask> tasks = table.newScan().filter(Expressions.and(
        Expressions.greaterThanOrEqual("created_at", AuditData.day(3).toString()),
        Expressions.lessThan("created_at", AuditData.day(4).toString()))).planFiles()) {
      original = tasks.iterator().next().file();
    }
    String copyLocation = table.locationProvider().newDataLocation(table.spec(), original.partition(),
        "rewritten-" + UUID.randomUUID() + ".parquet");
    InputFile source = table.io().newInputFile(original.location());
    try (InputStream in = source.newStream(); OutputStream out = table.io().newOutputFile(copyLocation).create()) {
      in.transferTo(out);
    }
    DataFile copy = DataFiles.builder(table.spec()).copy(original).withPath(copyLocation).build();
    table.newRewrite().deleteFile(original).addFile(copy).commit();
    return table.currentSnapshot().snapshotId();
  }

  // ---- HTTP helpers ----

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String entity() {
    return "space=" + encode(AuditData.SPACE) + "&name=" + AuditData.NAME + "&version=" + AuditData.VERSION;
  }

  private static Response get(String pathAndQuery, String accept) {
    return APP.client().target(URI.create("http://localhost:" + APP.getLocalPort() + pathAndQuery)).request(accept)
        .get();
  }

  private static Response drift(String route, String[] window, String selector) {
    return get("/scouter/drift/" + route + "?" + entity() + "&begin_custom_datetime=" + window[0]
        + "&end_custom_datetime=" + window[1] + "&max_data_points=" + window[2] + selector, "application/json");
  }

  private static Response post(String body) {
    return APP.client().target("http://localhost:" + APP.getLocalPort() + "/scouter/archive/tags").request()
        .post(Entity.entity(body, MediaType.APPLICATION_JSON_TYPE));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(Response response, int status) {
    assertThat(response.getStatus()).isEqualTo(status);
    return response.readEntity(Map.class);
  }

  private static void registerPsiProfile() {
    String profile = "{\"config\":{\"space\":\"" + AuditData.SPACE + "\",\"name\":\"model\",\"version\":\"v1\"},"
        + "\"features\":{\"f1\":{\"bins\":[{\"id\":0,\"proportion\":0.3},{\"id\":1,\"proportion\":0.3},"
        + "{\"id\":2,\"proportion\":0.4}]}}}";
    String body = "{\"space\":\"" + AuditData.SPACE + "\",\"drift_type\":\"Psi\",\"profile\":"
        + io.dropwizard.jackson.Jackson.newObjectMapper().valueToTree(profile) + "}";
    Response response = APP.client().target("http://localhost:" + APP.getLocalPort() + "/scouter/profile")
        .request().post(Entity.entity(body, MediaType.APPLICATION_JSON_TYPE));
    assertThat(response.getStatus()).isEqualTo(200);
  }

  // ---- as-of answers ----

  @Test
  void asOfAnswersByIdInstantAndTagAreByteIdenticalToTheRecordedOnes() {
    for (String route : ROUTES) {
      long snapshot = RUN_K.get(ROUTE_TABLES.get(route));
      for (String selector : List.of("&snapshot_id=" + snapshot, "&as_of=" + afterRunK, "&tag=" + TAG)) {
        for (String[] window : WINDOWS) {
          Response response = drift(route, window, selector);
          assertThat(response.getStatus()).isEqualTo(200);
          assertThat(response.getHeaderString("Scouter-Snapshot-Id")).isEqualTo(Long.toString(snapshot));
          assertThat(response.readEntity(String.class)).as(route + selector + Arrays.toString(window))
              .isEqualTo(RECORDED.get(route + Arrays.toString(window)));
        }
      }
    }
  }

  @Test
  void recordedAndCurrentAnswersMatchAnIndependentComputation() {
    List<DriftRecord> all = new ArrayList<>(AuditData.days(1, 4));
    all.addAll(AuditData.lateArrivals());
    for (String[] window : WINDOWS) {
      Map<String, Map<String, Double>> before = ExpectedAnswers.spcMeans(AuditData.days(1, 2),
          Instant.parse(window[0]), Instant.parse(window[1]), Integer.parseInt(window[2]));
      Map<String, Map<String, Double>> now = ExpectedAnswers.spcMeans(all,
          Instant.parse(window[0]), Instant.parse(window[1]), Integer.parseInt(window[2]));
      assertSpc(readJson(RECORDED.get("spc" + Arrays.toString(window))), before);
      Response current = drift("spc", window, "");
      assertThat(current.getHeaderString("Scouter-Snapshot-Id")).isNull();
      assertSpc(json(current, 200), now);
    }
    // The late rows are in days 1 and 2: the whole-days window moved, the recorded answer did not.
    assertThat(ExpectedAnswers.spcMeans(all, AuditData.day(1), AuditData.day(3), 48))
        .isNotEqualTo(ExpectedAnswers.spcMeans(AuditData.days(1, 2), AuditData.day(1), AuditData.day(3), 48));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> readJson(String text) {
    try {
      return io.dropwizard.jackson.Jackson.newObjectMapper().readValue(text, Map.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static void assertSpc(Map<String, Object> body, Map<String, Map<String, Double>> expected) {
    Map<String, Object> features = (Map<String, Object>) body.get("features");
    assertThat(features.keySet()).isEqualTo(expected.keySet());
    expected.forEach((feature, bins) -> {
      Map<String, Object> series = (Map<String, Object>) features.get(feature);
      assertThat(series.get("created_at")).isEqualTo(new ArrayList<>(bins.keySet()));
      List<Double> values = (List<Double>) series.get("values");
      List<Double> means = new ArrayList<>(bins.values());
      for (int i = 0; i < means.size(); i++) {
        assertThat(values.get(i)).isCloseTo(means.get(i), within(1e-12));
      }
    });
  }

  // ---- snapshot history and tags ----

  @Test
  @SuppressWarnings("unchecked")
  void historyListsOperationsRunsWatermarksAndTags() {
    Map<String, Object> body = json(get("/scouter/archive/snapshots?table=spc_drift", "application/json"), 200);
    List<Map<String, Object>> snapshots = (List<Map<String, Object>>) body.get("snapshots");
    assertThat(snapshots).extracting(entry -> ((Number) entry.get("snapshot_id")).longValue())
        .startsWith(replaced, late, moreDays).contains(RUN_K.get(DriftType.SPC));
    Map<String, Object> newest = snapshots.get(0);
    assertThat(newest).containsEntry("operation", "replace").containsEntry("run_id", null)
        .containsEntry("current", true).containsEntry("added_rows", 96);
    Map<String, Object> runK = snapshots.stream()
        .filter(entry -> ((Number) entry.get("snapshot_id")).longValue() == RUN_K.get(DriftType.SPC)).findFirst()
        .orElseThrow();
    assertThat((List<Object>) runK.get("tags")).contains(TAG);
    assertThat(runK).containsEntry("operation", "append").containsEntry("added_rows", 192).containsEntry("total_rows", 192).containsEntry("current", false);
    assertThat(runK.get("run_id")).isInstanceOf(Number.class);
    assertThat(((Map<String, Object>) runK.get("watermark")).get("cutoff")).isEqualTo("2026-03-03T00:00:00Z");
    assertThat(((Map<String, Object>) runK.get("watermark")).get("pg_snapshot")).isNotNull();
    Map<String, Object> limited = json(get("/scouter/archive/snapshots?table=spc_drift&limit=1", "application/json"),
        200);
    assertThat((List<Object>) limited.get("snapshots")).hasSize(1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void tagsAreListedWithTheirSnapshotsAndDeletedByName() {
    Map<String, Object> created = json(post("{\"name\": \"temp-1\", \"as_of\": \"" + afterRunK
        + "\", \"retain_days\": 30}"), 201);
    assertThat(created).containsEntry("name", "temp-1").containsEntry("retain_days", 30);
    Map<String, Object> tables = (Map<String, Object>) created.get("tables");
    for (DriftType type : DriftType.values()) {
      assertThat(((Map<String, Object>) tables.get(type.tableName())).get("snapshot_id"))
          .isEqualTo(RUN_K.get(type));
    }
    List<Map<String, Object>> listed = (List<Map<String, Object>>) json(get("/scouter/archive/tags",
        "application/json"), 200).get("tags");
    assertThat(listed).extracting(tag -> tag.get("name")).contains(TAG, "temp-1");
    // The same tag read by Iceberg itself, as Spark and Trino read it.
    bench.catalog.table(DriftType.PSI).refresh();
    assertThat(bench.catalog.table(DriftType.PSI).refs().get("temp-1").snapshotId()).isEqualTo(RUN_K.get(DriftType.PSI));

    // By the snapshot id of one table: the others at their snapshot of the same archive pass.
    Map<String, Object> byId = json(post("{\"name\": \"by-id\", \"snapshot_id\": " + RUN_K.get(DriftType.SPC)
        + "}"), 201);
    for (DriftType type : DriftType.values()) {
      assertThat(((Map<String, Object>) ((Map<String, Object>) byId.get("tables")).get(type.tableName()))
          .get("snapshot_id")).isEqualTo(RUN_K.get(type));
    }

    Response deleted = APP.client().target("http://localhost:" + APP.getLocalPort() + "/scouter/archive/tags/temp-1")
        .request().delete();
    assertThat(json(deleted, 200)).containsEntry("deleted", "temp-1");
    listed = (List<Map<String, Object>>) json(get("/scouter/archive/tags", "application/json"), 200).get("tags");
    assertThat(listed).extracting(tag -> tag.get("name")).doesNotContain("temp-1");
    Response again = APP.client().target("http://localhost:" + APP.getLocalPort() + "/scouter/archive/tags/temp-1")
        .request().delete();
    assertThat(json(again, 404).get("error")).isEqualTo(
        "No tag 'temp-1' on any drift table (see GET /scouter/archive/tags)");
  }

  // ---- changes ----

  @Test
  @SuppressWarnings("unchecked")
  void changesNameExactlyTheLateArrivalPartitions() {
    Map<String, Object> report = json(get("/scouter/archive/changes?table=spc_drift&from=" + moreDays + "&to=" + late,
        "application/json"), 200);
    assertThat(report).containsEntry("added_rows", 8);
    assertThat((List<Map<String, Object>>) report.get("partitions")).containsExactly(
        partition("2026-03-01", 5), partition("2026-03-02", 3));

    // The rewrite after them adds nothing.
    Map<String, Object> rewrite = json(get("/scouter/archive/changes?table=spc_drift&from=" + late,
        "application/json"), 200);
    assertThat(rewrite).containsEntry("to", replaced).containsEntry("added_rows", 0);
    assertThat((List<Object>) rewrite.get("partitions")).isEmpty();
    assertThat((List<Map<String, Object>>) rewrite.get("snapshots")).singleElement()
        .satisfies(step -> assertThat(step).containsEntry("operation", "replace").containsEntry("counted", false));

    // Since the sign-off (by tag, and by instant): days 3 and 4, and the late rows.
    for (String from : List.of(TAG, afterRunK.toString())) {
      Map<String, Object> since = json(get("/scouter/archive/changes?table=spc_drift&from=" + from,
          "application/json"), 200);
      assertThat((List<Map<String, Object>>) since.get("partitions")).containsExactly(
          partition("2026-03-01", 5), partition("2026-03-02", 3), partition("2026-03-03", 96),
          partition("2026-03-04", 96));
    }
  }

  private static Map<String, Object> partition(String day, int rows) {
    Map<String, Object> partition = new LinkedHashMap<>();
    partition.put("day", day);
    partition.put("space", AuditData.SPACE);
    partition.put("name", AuditData.NAME);
    partition.put("version", AuditData.VERSION);
    partition.put("added_rows", rows);
    partition.put("added_files", 1);
    return partition;
  }

  @Test
  void changesRefuseAFromThatIsNotAnAncestor() {
    Map<String, Object> body = json(get("/scouter/archive/changes?table=spc_drift&from=" + late + "&to="
        + RUN_K.get(DriftType.SPC), "application/json"), 400);
    assertThat(body).containsEntry("parameter", "from").containsEntry("error", "Invalid from: snapshot " + late
        + " is not an ancestor of snapshot " + RUN_K.get(DriftType.SPC) + " of table spc_drift (accepted: a snapshot "
        + "older than to in the same history)");
  }

  // ---- exports ----

  private static String exportQuery(String selector) {
    return "/scouter/archive/export?table=spc_drift&" + entity() + "&begin=2026-03-01T00:00:00Z"
        + "&end=2026-03-05T00:00:00Z" + selector;
  }

  @Test
  void csvExportAtTheTagHoldsExactlyRunKRowsOrderedBySeriesThenTime() {
    Response response = get(exportQuery("&tag=" + TAG), "text/csv");
    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.getHeaderString("Scouter-Snapshot-Id")).isEqualTo(RUN_K.get(DriftType.SPC).toString());
    assertThat(response.getHeaderString("Scouter-Row-Count")).isEqualTo("192");
    List<String> lines = new ArrayList<>(List.of(response.readEntity(String.class).split("\r\n")));
    assertThat(lines.remove(0)).isEqualTo("created_at,space,name,version,feature,value");
    assertThat(lines).containsExactlyInAnyOrderElementsOf(ExpectedAnswers.spcCsvLines(AuditData.days(1, 2)));
    assertOrderedBySeriesThenTime(lines);
  }

  /** Series (column 5), then time, then, for PSI, bin id (column 6). */
  private static void assertOrderedBySeriesThenTime(List<String> lines) {
    List<String> ordered = new ArrayList<>(lines);
    ordered.sort((a, b) -> {
      String[] x = a.split(",");
      String[] y = b.split(",");
      int bySeries = x[4].compareTo(y[4]);
      int byTime = Instant.parse(x[0]).compareTo(Instant.parse(y[0]));
      return bySeries != 0 ? bySeries : byTime != 0 || x.length < 7 ? byTime
          : Integer.compare(Integer.parseInt(x[5]), Integer.parseInt(y[5]));
    });
    assertThat(lines).isEqualTo(ordered);
  }

  @Test
  void psiExportMergesTheLateFileOfADayInOrder() {
    List<DriftRecord> all = new ArrayList<>(AuditData.days(1, 4));
    all.addAll(AuditData.lateArrivals());
    Response response = get(exportQuery("").replace("table=spc_drift", "table=observed_bin_count"), "text/csv");
    assertThat(response.getStatus()).isEqualTo(200);
    List<String> lines = new ArrayList<>(List.of(response.readEntity(String.class).split("\r\n")));
    assertThat(lines.remove(0)).isEqualTo("created_at,space,name,version,feature,bin_id,bin_count");
    assertThat(lines).containsExactlyInAnyOrderElementsOf(ExpectedAnswers.psiCsvLines(all));
    assertThat(response.getHeaderString("Scouter-Row-Count")).isEqualTo(Integer.toString(lines.size()));
    assertOrderedBySeriesThenTime(lines);
  }

  @Test
  void currentExportsInAllThreeFormatsHoldEveryGeneratedRow() throws Exception {
    List<DriftRecord> all = new ArrayList<>(AuditData.days(1, 4));
    all.addAll(AuditData.lateArrivals());
    List<String> expected = ExpectedAnswers.spcCsvLines(all);

    Response csv = get(exportQuery(""), "text/csv");
    assertThat(csv.getHeaderString("Scouter-Snapshot-Id")).isEqualTo(Long.toString(replaced));
    assertThat(csv.getHeaderString("Scouter-Row-Count")).isEqualTo(Integer.toString(expected.size()));
    List<String> csvLines = new ArrayList<>(List.of(csv.readEntity(String.class).split("\r\n")));
    csvLines.remove(0);
    assertThat(csvLines).containsExactlyInAnyOrderElementsOf(expected);
    // Days 1 and 2 have two files each (run k and the late run): merged on time within each series.
    assertOrderedBySeriesThenTime(csvLines);

    Response parquet = get(exportQuery(""), "application/vnd.apache.parquet");
    assertThat(parquet.getStatus()).isEqualTo(200);
    Path file = Files.createTempFile(WAREHOUSE, "export", ".parquet");
    Files.write(file, parquet.readEntity(byte[].class));
    org.apache.iceberg.Schema schema = bench.catalog.table(DriftType.SPC).schema();
    List<String> parquetLines = new ArrayList<>();
    try (CloseableIterable<Record> records = Parquet.read(org.apache.iceberg.Files.localInput(file.toFile()))
        .project(schema).createReaderFunc(fileSchema -> GenericParquetReaders.buildReader(schema, fileSchema))
        .build()) {
      for (Record record : records) {
        parquetLines.add(String.join(",", ((OffsetDateTime) record.getField("created_at")).toInstant().toString(),
            record.getField("space").toString(), record.getField("name").toString(),
            record.getField("version").toString(), record.getField("feature").toString(),
            record.getField("value").toString()));
      }
    }
    assertThat(parquetLines).isEqualTo(csvLines);

    Response arrow = get(exportQuery(""), "application/vnd.apache.arrow.stream");
    assertThat(arrow.getStatus()).isEqualTo(200);
    List<String> arrowLines = new ArrayList<>();
    try (RootAllocator allocator = new RootAllocator();
        InputStream in = arrow.readEntity(InputStream.class);
        ArrowStreamReader reader = new ArrowStreamReader(in, allocator)) {
      VectorSchemaRoot root = reader.getVectorSchemaRoot();
      while (reader.loadNextBatch()) {
        TimeStampMicroTZVector createdAt = (TimeStampMicroTZVector) root.getVector("created_at");
        for (int row = 0; row < root.getRowCount(); row++) {
          long micros = createdAt.get(row);
          arrowLines.add(String.join(",", Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                  Math.floorMod(micros, 1_000_000L) * 1000).toString(),
              root.getVector("space").getObject(row).toString(), root.getVector("name").getObject(row).toString(),
              root.getVector("version").getObject(row).toString(), root.getVector("feature").getObject(row).toString(),
              root.getVector("value").getObject(row).toString()));
        }
      }
    }
    assertThat(arrowLines).isEqualTo(csvLines);
  }

  // ---- every bad selector, tag and table gets its 4xx ----

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "&snapshot_id=1&tag=x|400|tag|Invalid tag: given together with snapshot_id (accepted: at most one of "
          + "snapshot_id, as_of, tag)",
      "&snapshot_id=abc|400|snapshot_id|Invalid snapshot_id: 'abc' (accepted: a snapshot id (a whole number))",
      "&snapshot_id=12345|404||No snapshot 12345 in table spc_drift (snapshot_id; see GET "
          + "/scouter/archive/snapshots?table=spc_drift)",
      "&tag=nope|404||No tag 'nope' on table spc_drift (tag; see GET /scouter/archive/tags)",
      "&tag=1bad|400|tag|Invalid tag: '1bad' (accepted: a letter, then up to 99 letters, digits, '.', '_' or '-'; "
          + "not 'main')",
      "&as_of=yesterday|400|as_of|Invalid as_of: 'yesterday' (accepted: an RFC 3339 timestamp with a zone, e.g. "
          + "2026-09-30T18:00:00Z)",
      "&as_of=2000-01-01T00:00:00Z|400|as_of|Invalid as_of: 2000-01-01T00:00:00Z is before the first snapshot "
          + "of table spc_drift (committed at ",
      "&as_of=2999-01-01T00:00:00Z|400|as_of|Invalid as_of: 2999-01-01T00:00:00Z is in the future (now: "})
  void badSelectorsOnTheBinnedRoutes(String selector, int status, String parameter, String message) {
    Map<String, Object> body = json(drift("spc", WINDOWS.get(0), selector), status);
    assertMessage(body, parameter, message);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "/scouter/archive/snapshots?table=nope|400|table|Invalid table: 'nope' (accepted: one of spc_drift, "
          + "observed_bin_count, custom_metric)",
      "/scouter/archive/snapshots|400|table|Invalid table: missing (accepted: one of spc_drift, observed_bin_count, "
          + "custom_metric)",
      "/scouter/archive/snapshots?table=spc_drift&limit=0|400|limit|Invalid limit: '0' (accepted: a whole number "
          + "from 1 to 10000)",
      "/scouter/archive/changes?table=spc_drift|400|from|Invalid from: missing (accepted: a snapshot id, a tag name "
          + "or an RFC 3339 timestamp with a zone, e.g. 2026-09-30T18:00:00Z)",
      "/scouter/archive/changes?table=custom&from=1|400|table|Invalid table: 'custom' (accepted: one of spc_drift, "
          + "observed_bin_count, custom_metric)",
      "/scouter/archive/changes?table=spc_drift&from=no-such-tag|404||No tag 'no-such-tag' on table spc_drift (from; "
          + "see GET /scouter/archive/tags)",
      "/scouter/archive/changes?table=spc_drift&from=2026-13-01|400|from|Invalid from: '2026-13-01' (accepted: an RFC "
          + "3339 timestamp with a zone, e.g. 2026-09-30T18:00:00Z)",
      "/scouter/archive/export?table=spc_drift&space=s&name=m&version=1&end=2026-03-01T00:00:00Z|400|begin|Invalid "
          + "begin: missing (accepted: an RFC 3339 timestamp with a zone, e.g. 2026-09-30T18:00:00Z)",
      "/scouter/archive/export?table=spc&space=s&name=m&version=1|400|table|Invalid table: 'spc' (accepted: one of "
          + "spc_drift, observed_bin_count, custom_metric)",
      "/scouter/archive/export?table=spc_drift&space=s&name=m&version=1&begin=2026-03-02T00:00:00Z"
          + "&end=2026-03-01T00:00:00Z|400|begin|Invalid begin: 2026-03-02T00:00:00Z is not before end "
          + "2026-03-01T00:00:00Z",
      "/scouter/archive/export?table=spc_drift&space=s&name=m&version=1&begin=2026-03-01T00:00:00Z"
          + "&end=2026-03-02T00:00:00Z&tag=nope|404||No tag 'nope' on table spc_drift (tag; see GET "
          + "/scouter/archive/tags)"})
  void badTablesAndReferencesOnTheAuditRoutes(String path, int status, String parameter, String message) {
    assertMessage(json(get(path, "*/*"), status), parameter, message);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"name\": \"q3-signoff\"}|409||Tag 'q3-signoff' already exists on spc_drift",
      "{\"name\": \"bad name\"}|400|name|Invalid name: 'bad name' (accepted: a letter, then up to 99 letters, digits, "
          + "'.', '_' or '-'; not 'main')",
      "{\"name\": \"main\"}|400|name|Invalid name: 'main' (accepted: a letter",
      "{}|400|name|Invalid name: missing (accepted: a letter",
      "{\"name\": \"x\", \"retain_days\": 0}|400|retain_days|Invalid retain_days: '0' (accepted: a whole number of "
          + "days from 1 to 36600)",
      "{\"name\": \"x\", \"as_of\": \"2999-01-01T00:00:00Z\"}|400|as_of|Invalid as_of: 2999-01-01T00:00:00Z is in the "
          + "future",
      "{\"name\": \"x\", \"as_of\": \"2000-01-01T00:00:00Z\"}|400|as_of|Cannot tag: no drift table had a snapshot at "
          + "that time",
      "{\"name\": \"x\", \"snapshot_id\": 1}|404||No snapshot 1 in any drift table",
      "{\"name\": \"x\", \"snapshot_id\": 1, \"as_of\": \"2026-01-01T00:00:00Z\"}|400|snapshot_id|Invalid snapshot_id: "
          + "given together with as_of",
      "{\"nme\": \"x\"}|400|nme|Invalid body: unknown field 'nme'",
      "{\"name\": |400||Malformed JSON"})
  void badTagRequests(String body, int status, String parameter, String message) {
    assertMessage(json(post(body), status), parameter, message);
  }

  /** The message must begin with {@code message} (a few long ones name a moving instant at the end). */
  private static void assertMessage(Map<String, Object> body, String parameter, String message) {
    if (parameter != null) {
      assertThat(body).containsEntry("parameter", parameter);
    }
    assertThat(body.get("code")).isNotNull();
    assertThat((String) body.get("error")).startsWith(message);
  }
}
