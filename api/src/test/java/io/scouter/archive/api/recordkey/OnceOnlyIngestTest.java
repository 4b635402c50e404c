package io.scouter.archive.api.recordkey;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.scouter.archive.api.metrics.Binning;
import io.scouter.archive.api.metrics.SeriesMoments;
import io.scouter.archive.api.metrics.TimeWindow;
import io.scouter.archive.api.query.ArchiveScanner;
import io.scouter.archive.api.query.DriftQuery;
import io.scouter.archive.api.query.DriftReader;
import io.scouter.archive.api.testing.ArchiveBench;
import io.scouter.archive.api.testing.ArchivedRows;
import io.scouter.archive.api.testing.MovableClock;
import io.scouter.archive.archiver.ArchivePassResult;
import io.scouter.archive.archiver.ArchiverSettings;
import io.scouter.archive.archiver.DataArchiver;
import io.scouter.archive.archiver.retention.ExpiredRowDeleter;
import io.scouter.archive.archiver.run.ArchiveFaults;
import io.scouter.archive.archiver.run.ArchiveStep;
import io.scouter.archive.archiver.write.CopyRunFileWriter;
import io.scouter.archive.catalog.drift.DriftRecord;
import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.catalog.hotstore.ArchivedKeyFilter;
import io.scouter.archive.catalog.hotstore.DriftRecordInserter;
import io.scouter.archive.archiver.recordkey.ArchiveKeyCheck;
import io.scouter.archive.catalog.recordkey.RecordKey;
import io.scouter.archive.catalog.settings.RetentionPeriod;
import io.scouter.archive.catalog.testing.TestDatabases;
import io.scouter.archive.catalog.testing.TemporaryDirectories;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Each record key is held once, forever: re-sent after its row left PostgreSQL (retention and grace
 * passed on an injected clock), re-sent while an archive pass copies its day, and re-sent while the
 * deletion of its archived row is due. Archived rows are read with Iceberg's generic reader, answers
 * compared with a computation over the distinct records.
 */
class OnceOnlyIngestTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final RetentionPeriod RETENTION = new RetentionPeriod(1);
  private static final Duration GRACE = Duration.ofDays(7);

  @Test
  void reSentRecordsAfterRetentionAndGraceAreNotStoredAgain() throws Exception {
    try (ArchiveBench bench = bench("once_after_grace")) {
      MovableClock clock = new MovableClock(T0.plus(Duration.ofDays(3)));
      DriftRecordInserter inserter = checkedInserter(bench, clock);
      List<DriftRecord> original = records("once", T0, 3, 11);
      assertThat(inserter.insert(original)).isEqualTo(original.size());
      bench.archiveBefore(T0.plus(Duration.ofDays(3)));
      clock.set(T0.plus(Duration.ofDays(30)));
      deleter(bench).deleteExpired(clock.instant());
      assertThat(hotRows(bench)).as("every original row left PostgreSQL: answers come from Iceberg").isZero();

      assertThat(inserter.insert(original)).as("the same body again").isZero();
      List<DriftRecord> newOld = records("once", T0.plus(Duration.ofHours(5)).plusSeconds(7), 1, 12);
      List<DriftRecord> recent = records("once", T0.plus(Duration.ofDays(29)), 1, 13);
      List<DriftRecord> mix = new ArrayList<>(original.subList(0, original.size() / 2));
      mix.addAll(newOld);
      mix.addAll(recent);
      assertThat(inserter.insert(mix)).as("a mix counts only the new records").isEqualTo(newOld.size() + recent.size());

      Set<DriftRecord> distinct = new LinkedHashSet<>(original);
      distinct.addAll(newOld);
      distinct.addAll(recent);
      assertAnswersCount(bench, distinct);
      assertEveryKeyOnce(bench, original);

      ArchivePassResult second = bench.archiveBefore(T0.plus(Duration.ofDays(28)));
      assertThat(second.rows())
          .as("the second pass archives the new old records, nothing twice").isEqualTo(newOld.size());
      List<DriftRecord> archived = new ArrayList<>(original);
      archived.addAll(newOld);
      assertEveryKeyOnce(bench, archived);
      assertAnswersCount(bench, distinct);
    }
  }

  /** The archive pass copies the day while the same records are posted again: they hit the hot key. */
  @Test
  void aReSendRacingAnArchivePassOfTheSameDayIsStoredOnce() throws Exception {
    try (ArchiveBench bench = bench("once_racing_pass")) {
      MovableClock clock = new MovableClock(T0.plus(Duration.ofDays(2)));
      DriftRecordInserter inserter = checkedInserter(bench, clock);
      List<DriftRecord> day = records("race", T0, 1, 21);
      inserter.insert(day);
      AtomicInteger reInserted = new AtomicInteger(-1);
      ArchiveFaults reSendMidRun = (step, type, runId) -> {
        if (step == ArchiveStep.AFTER_WRITE && type == DriftType.SPC) {
          reInserted.set(insertQuietly(inserter, day));
        }
      };
      DataArchiver archiver = new DataArchiver(bench.hotStore.dataSource(), bench.catalog,
          new ArchiverSettings(RETENTION, ArchiverSettings.DEFAULT_MAX_ROWS_PER_RUN, 10), new CopyRunFileWriter(),
          reSendMidRun, clock, new MetricRegistry());
      assertThat(archiver.archive().succeeded()).isTrue();
      assertThat(reInserted.get()).isZero();
      assertThat(archiver.archive().rows())
          .as("a second pass finds nothing new").isZero();
      clock.set(T0.plus(Duration.ofDays(20)));
      deleter(bench).deleteExpired(clock.instant());
      assertThat(inserter.insert(day)).as("re-sent once more after deletion").isZero();
      assertEveryKeyOnce(bench, day);
      assertAnswersCount(bench, new LinkedHashSet<>(day));
    }
  }

  /**
   * The worst interleaving: the lookup finds nothing (the rows are hot, unarchived), then a pass
   * archives them and the deletion is due before the insert. The deletion waits for the request, so
   * the insert still meets the hot key; without the lock the rows would be stored a second time.
   */
  @Test
  void theDeletionWaitsForARequestBetweenItsLookupAndItsInsert() throws Exception {
    try (ArchiveBench bench = bench("once_deletion_race")) {
      List<DriftRecord> old = records("lock", T0, 2, 31);
      new DriftRecordInserter(bench.hotStore.dataSource()).insert(old);
      MovableClock clock = new MovableClock(T0.plus(Duration.ofDays(30)));
      ArchiveKeyCheck check = new ArchiveKeyCheck(bench.catalog::table, RETENTION.duration().plus(GRACE), clock);
      List<CompletableFuture<Long>> deletion = new ArrayList<>();
      ArchivedKeyFilter archiveAndDeleteMeanwhile = (transaction, records) -> {
        List<DriftRecord> kept = check.withoutArchived(transaction, records);
        bench.archiveBefore(T0.plus(Duration.ofDays(3)));
        deletion.add(CompletableFuture.supplyAsync(() -> {
          try {
            return deleter(bench).deleteExpired(clock.instant());
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        }));
        awaitDeletionWaiting(bench);
        return kept;
      };
      int inserted = new DriftRecordInserter(bench.hotStore.dataSource(), archiveAndDeleteMeanwhile).insert(old);

      assertThat(inserted).isZero();
      assertThat(deletion.get(0).get(60, TimeUnit.SECONDS)).isEqualTo(old.size());
      assertThat(hotRows(bench)).isZero();
      assertEveryKeyOnce(bench, old);
      assertAnswersCount(bench, new LinkedHashSet<>(old));
    }
  }

  private static ArchiveBench bench(String name) throws Exception {
    return new ArchiveBench(TestDatabases.freshDatabase(name), TemporaryDirectories.create(name + "-"));
  }

  private static DriftRecordInserter checkedInserter(ArchiveBench bench, MovableClock clock) {
    return new DriftRecordInserter(bench.hotStore.dataSource(),
        new ArchiveKeyCheck(bench.catalog::table, RETENTION.duration().plus(GRACE), clock));
  }

  /** Deletes what the deletion deletes at {@code now}: archived rows past retention and grace. */
  static long deleteArchived(ArchiveBench bench, Instant now) throws SQLException {
    return deleter(bench).deleteExpired(now);
  }

  private static ExpiredRowDeleter deleter(ArchiveBench bench) {
    return new ExpiredRowDeleter(bench.hotStore.dataSource(), RETENTION, GRACE);
  }

  private static int insertQuietly(DriftRecordInserter inserter, List<DriftRecord> records) {
    try {
      return inserter.insert(records);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Per day, every 30 minutes: SPC features f0 and f1, PSI feature p0 with bins 0 to 3, custom metric m0. */
  static List<DriftRecord> records(String space, Instant from, int days, long seed) {
    Random random = new Random(seed);
    List<DriftRecord> records = new ArrayList<>();
    for (int slot = 0; slot < days * 48; slot++) {
      Instant at = from.plus(Duration.ofMinutes(30L * slot));
      for (String feature : List.of("f0", "f1")) {
        records.add(new DriftRecord.Spc(at, space, "model", "1", feature, random.nextGaussian() * 10));
      }
      for (int bin = 0; bin < 4; bin++) {
        records.add(new DriftRecord.Psi(at, space, "model", "1", "p0", bin, random.nextInt(100)));
      }
      records.add(new DriftRecord.Custom(at, space, "model", "1", "m0", random.nextDouble()));
    }
    return records;
  }

  static long hotRows(ArchiveBench bench) throws SQLException {
    long rows = 0;
    try (Connection connection = bench.hotStore.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      for (DriftType type : DriftType.values()) {
        try (ResultSet result = statement.executeQuery("SELECT count(*) FROM " + type.qualifiedTableName())) {
          result.next();
          rows += result.getLong(1);
        }
      }
    }
    return rows;
  }

  private static void awaitDeletionWaiting(ArchiveBench bench) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    try (Connection connection = bench.hotStore.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      while (System.nanoTime() < deadline) {
        try (ResultSet result = statement.executeQuery(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")) {
          result.next();
          if (result.getLong(1) > 0) {
            return;
          }
        }
        Thread.sleep(20);
      }
    } catch (SQLException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
    throw new AssertionError("the deletion never waited for the ingestion's lock");
  }

  /** Iceberg's generic reader: each expected key exactly once, and nothing else. */
  static void assertEveryKeyOnce(ArchiveBench bench, List<DriftRecord> expected) {
    for (DriftType type : DriftType.values()) {
      Map<RecordKey, Integer> counts = ArchivedRows.keyCounts(bench.catalog, type);
      Map<RecordKey, Integer> wanted = expected.stream().filter(record -> record.type() == type)
          .collect(Collectors.toMap(RecordKey::of, record -> 1, (a, b) -> 1, HashMap::new));
      assertThat(counts).as("archived keys of %s", type).isEqualTo(wanted);
    }
  }

  /** SPC and custom answers of the service's reader for the first record's entity equal its distinct records' moments. */
  static void assertAnswersCount(ArchiveBench bench, Set<DriftRecord> distinct) throws SQLException {
    String space = distinct.iterator().next().space();
    Binning binning = Binning.of(TimeWindow.between(T0, T0.plus(Duration.ofDays(31))), 200);
    DriftReader reader = new DriftReader(bench.hotStore.dataSource(), new ArchiveScanner(bench.catalog));
    SeriesMoments spc = new SeriesMoments(binning);
    SeriesMoments custom = new SeriesMoments(binning);
    for (DriftRecord record : distinct) {
      if (!record.space().equals(space)) {
        continue;
      }
      if (record instanceof DriftRecord.Spc value) {
        spc.add(value.feature(), value.createdAt(), value.value());
      } else if (record instanceof DriftRecord.Custom value) {
        custom.add(value.metric(), value.createdAt(), value.value());
      }
    }
    assertThat(reader.moments(new DriftQuery(DriftType.SPC, space, "model", "1", binning)).spc())
        .isEqualTo(spc.spc());
    assertThat(reader.moments(new DriftQuery(DriftType.CUSTOM, space, "model", "1", binning)).custom())
        .isEqualTo(custom.custom());
  }
}
