package io.scouter.archive.archiver;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.scouter.archive.archiver.run.ArchiveFaults;
import io.scouter.archive.archiver.run.ArchiveStep;
import io.scouter.archive.archiver.write.CopyRunFileWriter;
import io.scouter.archive.catalog.drift.DriftRecord;
import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.catalog.hotstore.DriftRecordInserter;
import io.scouter.archive.catalog.hotstore.HotStore;
import io.scouter.archive.catalog.iceberg.ArchiveCatalog;
import io.scouter.archive.catalog.iceberg.CatalogSettings;
import io.scouter.archive.catalog.settings.PoolSize;
import io.scouter.archive.catalog.settings.RetentionPeriod;
import io.scouter.archive.catalog.storage.FileIOFactory;
import io.scouter.archive.catalog.storage.StorageSettings;
import io.scouter.archive.catalog.testing.TemporaryDirectories;
import io.scouter.archive.catalog.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * A hot store and an archive catalog on a fresh database and warehouse, the rows ingested into
 * them, and the protocol's invariants checked row for row (README, "Guarantees").
 */
final class ArchiveFixture implements AutoCloseable {
  static final RetentionPeriod RETENTION = new RetentionPeriod(30);

  final HotStore hotStore;
  final ArchiveCatalog catalog;
  final DriftRecordInserter inserter;
  final List<DriftRecord> ingested = new ArrayList<>();

  ArchiveFixture(String purpose) throws IOException {
    this(purpose, Map.of("SCOUTER_STORAGE_URI", TemporaryDirectories.create("scouter-archive-" + purpose + "-").toString()));
  }

  /** On the storage the environment names (an object-store emulator, say). */
  ArchiveFixture(String purpose, Map<String, String> storageEnvironment) {
    hotStore = HotStore.open(TestDatabases.freshDatabase(purpose), new PoolSize(8));
    catalog = ArchiveCatalog.open(CatalogSettings.parse(null), hotStore.uri(),
        StorageSettings.fromEnvironment(storageEnvironment), new FileIOFactory());
    inserter = new DriftRecordInserter(hotStore.dataSource());
  }

  DataArchiver archiver(ArchiveFaults faults) {
    return archiver(faults, ArchiverSettings.defaults(RETENTION));
  }

  /**
   * Faults that insert {@code late} once, just after the first spc_drift run took its snapshot: rows
   * committed mid-run, which that run must neither copy nor cover.
   */
  ArchiveFaults insertingAfterFirstSpcStart(List<DriftRecord> late) {
    AtomicBoolean inserted = new AtomicBoolean();
    return (step, type, runId) -> {
      if (step == ArchiveStep.AFTER_START && type == DriftType.SPC && !inserted.getAndSet(true)) {
        try {
          insert(late);
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      }
    };
  }

  DataArchiver archiver(ArchiveFaults faults, ArchiverSettings settings) {
    return new DataArchiver(hotStore.dataSource(), catalog, settings, new CopyRunFileWriter(),
        faults, Clock.systemUTC(), new MetricRegistry());
  }

  /** Inserts random records of every type: {@code expired} older than retention, {@code recent} younger. */
  void ingest(long seed, int expired, int recent) throws SQLException {
    Random random = new Random(seed);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    List<DriftRecord> records = new ArrayList<>();
    for (int i = 0; i < expired + recent; i++) {
      long ageSeconds = i < expired
          // Expired: a whole day past retention, so the day-aligned cutoff surely takes it.
          ? RETENTION.duration().getSeconds() + 86_400 + 3600 + random.nextInt(5 * 86_400)
          : random.nextInt((int) RETENTION.duration().getSeconds() - 86_400);
      records.add(randomRecord(random, now.minusSeconds(ageSeconds).minusNanos(random.nextInt(1_000_000) * 1000L)));
    }
    insert(records);
  }

  void insert(List<DriftRecord> records) throws SQLException {
    int inserted = inserter.insert(records);
    assertThat(inserted).as("test records are unique").isEqualTo(records.size());
    synchronized (ingested) {
      ingested.addAll(records);
    }
  }

  static DriftRecord randomRecord(Random random, Instant at) {
    String space = "space-" + random.nextInt(3);
    String name = random.nextBoolean() ? "model" : "mod'el; \"ü\"";
    String version = "1." + random.nextInt(2);
    String series = "f" + random.nextInt(4);
    return switch (random.nextInt(3)) {
      case 0 -> new DriftRecord.Spc(at, space, name, version, series, random.nextGaussian() * 1e6);
      case 1 -> new DriftRecord.Psi(at, space, name, version, series, random.nextInt(10), random.nextInt(1000));
      default -> new DriftRecord.Custom(at, space, name, version, series, random.nextDouble());
    };
  }

  long countHot(DriftType type, String condition) throws SQLException {
    try (Connection connection = hotStore.dataSource().getConnection();
        PreparedStatement statement = connection.prepareStatement(
            "SELECT count(*) FROM " + type.qualifiedTableName() + " WHERE " + condition);
        ResultSet result = statement.executeQuery()) {
      result.next();
      return result.getLong(1);
    }
  }

  /** The documented SQL rule (README, "Guarantees"), not the archiver's own inlined copy of it. */
  static String archived(DriftType type) {
    return "scouter.is_archived('" + type.tableName() + "', created_at, ins_xid)";
  }

  static String unarchived(DriftType type) {
    return "NOT " + archived(type);
  }

  /** Rows the archiver should have taken by now (before its day-aligned cutoff) but has not. */
  long expiredUnarchived() throws SQLException {
    Instant cutoff = ArchiverSettings.defaults(RETENTION).cutoff(Instant.now());
    long total = 0;
    for (DriftType type : DriftType.values()) {
      total += countHot(type, unarchived(type) + " AND created_at < '" + cutoff + "'");
    }
    return total;
  }

  /**
   * The invariants, row for row: ingested = hot-unarchived ⊎ Iceberg at the readers' snapshot;
   * hot rows under the watermark = that Iceberg content; no run id in two snapshots; every finished run's
   * snapshot is an ancestor of the current one.
   */
  void assertEveryRowInExactlyOnePlace() throws SQLException {
    List<String> expected = new ArrayList<>();
    ingested.forEach(record -> expected.add(RowKeys.of(record)));
    List<String> hotUnarchived = new ArrayList<>();
    List<String> hotArchived = new ArrayList<>();
    List<String> iceberg = new ArrayList<>();
    for (DriftType type : DriftType.values()) {
      hotUnarchived.addAll(RowKeys.hot(hotStore.dataSource(), type, unarchived(type)));
      hotArchived.addAll(RowKeys.hot(hotStore.dataSource(), type, archived(type)));
      iceberg.addAll(icebergRows(type));
      assertRunIdsUniqueAndFinishedRunsInHistory(type);
    }
    List<String> union = new ArrayList<>(hotUnarchived);
    union.addAll(iceberg);
    // Sorted copies compared as lists: the same multiset check as containsExactlyInAnyOrder, without
    // its quadratic matching, which took half a minute over 170,000 rows.
    assertThat(sorted(union)).as("hot-unarchived ⊎ archive").isEqualTo(sorted(expected));
    assertThat(sorted(hotArchived)).as("rows under the watermark are the archive").isEqualTo(sorted(iceberg));
  }

  private static List<String> sorted(List<String> rows) {
    List<String> copy = new ArrayList<>(rows);
    Collections.sort(copy);
    return copy;
  }

  Optional<Long> readersSnapshot(DriftType type) throws SQLException {
    try (Connection connection = hotStore.dataSource().getConnection();
        PreparedStatement statement = connection.prepareStatement(
            "SELECT snapshot_id FROM scouter.archive_state WHERE table_name = ?")) {
      statement.setString(1, type.tableName());
      try (ResultSet result = statement.executeQuery()) {
        return result.next() ? Optional.of(result.getLong(1)) : Optional.empty();
      }
    }
  }

  private List<String> icebergRows(DriftType type) throws SQLException {
    Optional<Long> snapshot = readersSnapshot(type);
    List<String> rows = new ArrayList<>();
    if (snapshot.isEmpty()) {
      return rows;
    }
    Table table = catalog.table(type);
    table.refresh();
    try (CloseableIterable<Record> records = IcebergGenerics.read(table).useSnapshot(snapshot.get()).build()) {
      records.forEach(record -> rows.add(RowKeys.of(type, record)));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return rows;
  }

  private void assertRunIdsUniqueAndFinishedRunsInHistory(DriftType type) throws SQLException {
    Table table = catalog.table(type);
    table.refresh();
    Set<String> runIds = new HashSet<>();
    Set<Long> ancestors = new HashSet<>();
    if (table.currentSnapshot() != null) {
      for (Snapshot snapshot : SnapshotUtil.ancestorsOf(table.currentSnapshot().snapshotId(), table::snapshot)) {
        ancestors.add(snapshot.snapshotId());
        String runId = snapshot.summary().get("scouter.archive.run-id");
        if (runId != null) {
          assertThat(runIds.add(runId)).as("run %s committed once", runId).isTrue();
        }
      }
    }
    try (Connection connection = hotStore.dataSource().getConnection();
        PreparedStatement statement = connection.prepareStatement(
            "SELECT snapshot_id FROM scouter.archive_run WHERE table_name = ? AND status = 'done'")) {
      statement.setString(1, type.tableName());
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          assertThat(ancestors).contains(result.getLong(1));
        }
      }
    }
  }

  @Override
  public void close() throws IOException {
    catalog.close();
    hotStore.close();
  }
}
