package io.scouter.archive.bench;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scouter.archive.archiver.DataArchiver;
import io.scouter.archive.archiver.maintenance.ArchiveMaintainer;
import io.scouter.archive.archiver.maintenance.MaintenanceFaults;
import io.scouter.archive.archiver.maintenance.MaintenancePassResult;
import io.scouter.archive.archiver.maintenance.MaintenanceSettings;
import io.scouter.archive.archiver.maintenance.TableMaintenanceResult;
import io.scouter.archive.catalog.drift.DriftRecord;
import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.catalog.hotstore.DriftRecordInserter;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.io.SupportsPrefixOperations;

/**
 * The late-arrival scenario for table maintenance: one entity of its own receives, {@code RUNS}
 * times, a batch of SPC records spread over the last week of the generated data, each batch archived
 * by its own pass (as hourly runs with late arrivals would), leaving one small file per day and run.
 * Then planned files, query p50 and metadata size are measured before and after one maintenance
 * pass, with the pass's duration.
 */
final class LateArrivalMaintenanceBench {
  static final int RUNS = 48;
  static final int DAYS = 7;
  static final int FEATURES = 3;
  static final int ROWS_PER_FEATURE_AND_DAY = 20;
  static final BenchEntity ENTITY = BenchEntity.number(900);

  private final InProcessService service;
  private final BenchParameters parameters;
  private final Progress progress;
  private final LatencyMeasurement latency;

  LateArrivalMaintenanceBench(InProcessService service, BenchParameters parameters, ObjectMapper mapper,
      Progress progress) {
    this.service = service;
    this.parameters = parameters;
    this.progress = progress;
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    this.latency = new LatencyMeasurement(new HttpQueryProbe(http, service.uri(), mapper), parameters.warmup(),
        parameters.runs());
  }

  /** The state measured on either side of the pass. */
  record Shape(int plannedFiles, long totalFiles, Duration p50, long metadataBytes, long metadataFiles) {}

  record Result(int runs, long rows, Shape before, Shape after, Duration pass, Duration spcTable,
      TableMaintenanceResult spc) {}

  Result run() throws Exception {
    DataArchiver archiver = service.archiver(new StepClock());
    DriftRecordInserter inserter = new DriftRecordInserter(service.archive().hotStore().dataSource());
    Random random = new Random(900);
    long rows = 0;
    progress.step("late arrivals: %d archive passes of %d rows each into the last %d days of %s", RUNS,
        DAYS * FEATURES * ROWS_PER_FEATURE_AND_DAY, DAYS, ENTITY);
    for (int run = 0; run < RUNS; run++) {
      rows += inserter.insert(batch(random));
      if (!archiver.archive().succeeded()) {
        throw new IllegalStateException("Cannot measure maintenance: a late-arrival archive pass failed");
      }
    }
    QueryWindow window = QueryWindow.lastDays(DriftDataGenerator.DATA_END, DAYS);
    Shape before = shape(window);
    progress.step("before maintenance: %d planned files, p50 %s ms", before.plannedFiles(), Figures.millis(before.p50()));
    ArchiveMaintainer maintainer = new ArchiveMaintainer(service.archive().hotStore().dataSource(),
        service.archive().catalog(), MaintenanceSettings.defaults(), ArchiveMaintainer.standardSteps(),
        MaintenanceFaults.NONE, Clock.systemUTC(), new MetricRegistry());
    MaintenancePassResult pass = maintainer.maintain();
    if (!pass.succeeded()) {
      throw new IllegalStateException("Cannot measure maintenance: the pass failed:\n" + pass.summary());
    }
    Shape after = shape(window);
    progress.step("after maintenance: %d planned files, p50 %s ms", after.plannedFiles(), Figures.millis(after.p50()));
    TableMaintenanceResult spc = pass.tables().stream().filter(table -> table.type() == DriftType.SPC).findFirst()
        .orElseThrow();
    return new Result(RUNS, rows, before, after, Duration.between(pass.started(), pass.finished()), spc.duration(),
        spc);
  }

  private static List<DriftRecord> batch(Random random) {
    List<DriftRecord> records = new ArrayList<>();
    for (int day = 1; day <= DAYS; day++) {
      Instant dayStart = DriftDataGenerator.DATA_END.minus(Duration.ofDays(day));
      for (int feature = 0; feature < FEATURES; feature++) {
        for (int i = 0; i < ROWS_PER_FEATURE_AND_DAY; i++) {
          Instant at = dayStart.plusSeconds(random.nextInt(86_400)).plusNanos(random.nextInt(1_000_000) * 1000L);
          records.add(new DriftRecord.Spc(at, ENTITY.space(), ENTITY.name(), ENTITY.version(),
              DriftDataGenerator.feature(feature), random.nextGaussian()));
        }
      }
    }
    return records;
  }

  private Shape shape(QueryWindow window) throws Exception {
    Table table = service.archive().catalog().table(DriftType.SPC);
    PlannedFiles.Result planned = new PlannedFiles(service.archive().hotStore().dataSource())
        .plan(table, DriftType.SPC, ENTITY, window).orElseThrow();
    LatencyResult query = latency.measure(DriftType.SPC, ENTITY, window);
    if (!query.available()) {
      throw new IllegalStateException("Cannot measure the query: " + query.unavailable());
    }
    long bytes = 0;
    long files = 0;
    for (FileInfo file : ((SupportsPrefixOperations) table.io()).listPrefix(table.location() + "/metadata/")) {
      bytes += file.size();
      files++;
    }
    return new Shape(planned.planned(), planned.total(), query.p50(), bytes, files);
  }

  private static String kibibytes(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f KiB", bytes / 1024.0);
  }

  /** The section for BENCHMARKS.md (and, as plain text, stdout). */
  String markdown(Result result, Instant date, MachineDescription machine) {
    Shape b = result.before();
    Shape a = result.after();
    return "\n## " + date.toString().substring(0, 10) + " — table maintenance after late arrivals (`bench`)\n\n"
        + "**What.** " + result.runs() + " archive passes, each after " + DAYS * FEATURES * ROWS_PER_FEATURE_AND_DAY
        + " late SPC records spread over the last " + DAYS + " days of the data of one entity (" + ENTITY + ", "
        + Figures.count(result.rows()) + " rows in all), then one maintenance pass (`ArchiveMaintainer`, default "
        + "settings) over all tables. Query: `GET /scouter/drift/spc` for that entity over those " + DAYS
        + " days, p50 of " + parameters.runs() + " runs after " + parameters.warmup() + " warm-up runs. Planned "
        + "files: an Iceberg scan for the entity and window at the readers' snapshot. Metadata: every file under "
        + "`spc_drift/metadata/` (metadata JSON, manifest lists, manifests).\n\n"
        + "**Machine.** " + machine.cores() + " cores, " + machine.cpu() + ", " + machine.memory() + "; "
        + machine.jdk() + "; " + machine.os() + "; " + machine.postgres() + "; " + machine.load() + ".\n\n"
        + "| figure | before | after |\n|---|---|---|\n"
        + "| planned data files (entity, " + DAYS + " days) | " + b.plannedFiles() + " | " + a.plannedFiles() + " |\n"
        + "| data files in the snapshot | " + b.totalFiles() + " | " + a.totalFiles() + " |\n"
        + "| query p50 | " + Figures.millis(b.p50()) + " ms | " + Figures.millis(a.p50()) + " ms |\n"
        + "| metadata size | " + kibibytes(b.metadataBytes()) + " (" + b.metadataFiles() + " files) | "
        + kibibytes(a.metadataBytes()) + " (" + a.metadataFiles() + " files) |\n\n"
        + "Maintenance pass: " + Figures.millis(result.pass()) + " ms for the three tables, "
        + Figures.millis(result.spcTable()) + " ms for spc_drift (" + result.spc().before().dataFiles() + " → "
        + result.spc().after().dataFiles() + " data files, " + result.spc().before().manifests() + " → "
        + result.spc().after().manifests() + " manifests). Snapshots are not expired here: all are inside the "
        + "90-day audit window.\n";
  }
}
