package io.scouter.archive.archiver;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.scouter.archive.archiver.retention.ExpiredRowDeleter;
import io.scouter.archive.archiver.run.ArchiveFaults;
import io.scouter.archive.archiver.write.CopyRunFileWriter;
import io.scouter.archive.catalog.drift.DriftRecord;
import io.scouter.archive.catalog.drift.DriftType;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionAndLagTest {
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MICROS);
  private static final String ARCHIVED = ArchiveFixture.archived(DriftType.SPC);

  @Test
  void deletesOnlyArchivedRowsPastRetentionPlusGrace() throws Exception {
    try (ArchiveFixture fixture = new ArchiveFixture("retention")) {
      // 30-day retention, 7-day grace: 40 days old is past both, 33 days only past retention.
      DriftRecord pastGrace = new DriftRecord.Spc(NOW.minus(40, ChronoUnit.DAYS), "r", "n", "v", "old", 1);
      DriftRecord withinGrace = new DriftRecord.Spc(NOW.minus(33, ChronoUnit.DAYS), "r", "n", "v", "grace", 2);
      DriftRecord hot = new DriftRecord.Spc(NOW.minus(2, ChronoUnit.DAYS), "r", "n", "v", "hot", 3);
      fixture.insert(List.of(pastGrace, withinGrace, hot));
      fixture.archiver(ArchiveFaults.NONE).archive();
      // A row as old as the first, which the archive has not taken (inserted after the pass).
      DriftRecord unarchived = new DriftRecord.Spc(NOW.minus(400, ChronoUnit.DAYS), "r", "n", "v", "late", 4);
      fixture.insert(List.of(unarchived));

      ExpiredRowDeleter deleter = new ExpiredRowDeleter(fixture.hotStore.dataSource(), ArchiveFixture.RETENTION,
          Duration.ofDays(7));
      assertThat(deleter.deleteExpired(NOW)).isEqualTo(1);

      assertThat(fixture.countHot(DriftType.SPC, "feature = 'old'")).isZero();
      assertThat(fixture.countHot(DriftType.SPC, "feature = 'grace' AND " + ARCHIVED)).isEqualTo(1);
      assertThat(fixture.countHot(DriftType.SPC, "feature = 'hot' AND NOT " + ARCHIVED)).isEqualTo(1);
      assertThat(fixture.countHot(DriftType.SPC, "feature = 'late' AND NOT " + ARCHIVED))
          .as("an unarchived row is never deleted, however old").isEqualTo(1);
      // The deleted row lives on in the archive.
      assertThat(fixture.expiredUnarchived()).isEqualTo(1);
      fixture.archiver(ArchiveFaults.NONE).archive();
      assertThat(deleter.deleteExpired(NOW)).isEqualTo(1);
      assertThat(fixture.countHot(DriftType.SPC, "true")).isEqualTo(2);
    }
  }

  /** pg_cron is not in the embedded server, but the statement it would run is plain SQL: run it here. */
  @Test
  void thePgCronStatementDeletesExactlyWhatTheServiceDeletes() throws Exception {
    try (ArchiveFixture fixture = new ArchiveFixture("retention_cron_sql")) {
      ExpiredRowDeleter deleter = new ExpiredRowDeleter(fixture.hotStore.dataSource(), ArchiveFixture.RETENTION,
          Duration.ofDays(7));
      try (Connection connection = fixture.hotStore.dataSource().getConnection();
          Statement statement = connection.createStatement()) {
        assertThat(runCronCommand(statement, deleter.cronCommand(DriftType.SPC)))
            .as("nothing archived yet: nothing deleted").isZero();
      }
      DriftRecord pastGrace = new DriftRecord.Spc(NOW.minus(40, ChronoUnit.DAYS), "r", "n", "v", "old", 1);
      DriftRecord withinGrace = new DriftRecord.Spc(NOW.minus(33, ChronoUnit.DAYS), "r", "n", "v", "grace", 2);
      fixture.insert(List.of(pastGrace, withinGrace));
      fixture.archiver(ArchiveFaults.NONE).archive();
      fixture.insert(List.of(new DriftRecord.Spc(NOW.minus(400, ChronoUnit.DAYS), "r", "n", "v", "late", 4)));

      try (Connection connection = fixture.hotStore.dataSource().getConnection();
          Statement statement = connection.createStatement()) {
        assertThat(runCronCommand(statement, deleter.cronCommand(DriftType.SPC))).isEqualTo(1);
      }
      assertThat(fixture.countHot(DriftType.SPC, "feature = 'old'")).isZero();
      assertThat(fixture.countHot(DriftType.SPC, "feature IN ('grace', 'late')")).isEqualTo(2);
    }
  }

  /** Runs pg_cron's command (the deletion lock, then the DELETE) as pg_cron does; returns the rows deleted. */
  private static int runCronCommand(Statement statement, String command) throws java.sql.SQLException {
    statement.execute(command);
    while (statement.getMoreResults() || statement.getUpdateCount() != -1) {
      if (statement.getUpdateCount() != -1) {
        return statement.getUpdateCount();
      }
    }
    throw new AssertionError("pg_cron's command deleted nothing and said so: " + command);
  }

  /** The statement used to count whole days: a 12-hour grace deleted 12 hours early on the pg_cron path. */
  @Test
  void thePgCronStatementKeepsASubDayGrace() throws Exception {
    try (ArchiveFixture fixture = new ArchiveFixture("retention_cron_hours")) {
      Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
      fixture.insert(List.of(
          new DriftRecord.Spc(now.minus(Duration.ofDays(30).plusHours(18)), "r", "n", "v", "past", 1),
          new DriftRecord.Spc(now.minus(Duration.ofDays(30).plusHours(6)), "r", "n", "v", "within", 2)));
      // An archiver two days ahead takes both rows: only the age decides what is deleted below.
      new DataArchiver(fixture.hotStore.dataSource(), fixture.catalog, ArchiverSettings.defaults(ArchiveFixture.RETENTION),
          new CopyRunFileWriter(), ArchiveFaults.NONE, Clock.fixed(now.plus(2, ChronoUnit.DAYS), ZoneOffset.UTC),
          new MetricRegistry()).archive();
      assertThat(fixture.countHot(DriftType.SPC, ARCHIVED)).isEqualTo(2);

      ExpiredRowDeleter deleter = new ExpiredRowDeleter(fixture.hotStore.dataSource(), ArchiveFixture.RETENTION,
          Duration.ofHours(12));
      try (Connection connection = fixture.hotStore.dataSource().getConnection();
          Statement statement = connection.createStatement()) {
        assertThat(runCronCommand(statement, deleter.cronCommand(DriftType.SPC))).isEqualTo(1);
      }
      assertThat(fixture.countHot(DriftType.SPC, "feature = 'past'")).isZero();
      assertThat(fixture.countHot(DriftType.SPC, "feature = 'within'")).isEqualTo(1);
    }
  }

  @Test
  void lagIsTheWaitOfTheOldestOverdueRowCountedFromItsArrival() throws Exception {
    try (ArchiveFixture fixture = new ArchiveFixture("lag")) {
      ArchiveLag lag = new ArchiveLag(fixture.hotStore.dataSource(), ArchiveFixture.RETENTION);
      assertThat(lag.measure(NOW)).isEqualTo(Duration.ZERO);

      fixture.insert(List.of(new DriftRecord.Custom(NOW.minus(45, ChronoUnit.DAYS), "l", "n", "v", "m", 1),
          new DriftRecord.Custom(NOW.minus(10, ChronoUnit.DAYS), "l", "n", "v", "m", 2)));
      // Arrived just now: overdue for seconds only, not for the 15 days its timestamp suggests.
      assertThat(lag.measure(Instant.now())).isLessThan(Duration.ofMinutes(1));
      // Had it arrived 20 days ago, it would have been due when its UTC day plus 30 days was over.
      try (Connection connection = fixture.hotStore.dataSource().getConnection();
          Statement statement = connection.createStatement()) {
        statement.execute("UPDATE scouter.custom_metric SET updated_at = now() - interval '20 days'");
      }
      Instant due = NOW.minus(45, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS).plus(31, ChronoUnit.DAYS);
      Instant measuredAt = Instant.now();
      assertThat(lag.measure(measuredAt)).isBetween(Duration.between(due, measuredAt).minusMinutes(1),
          Duration.between(due, measuredAt).plusMinutes(1));

      fixture.archiver(ArchiveFaults.NONE).archive();
      assertThat(lag.measure(Instant.now())).isEqualTo(Duration.ZERO);

      // A late arrival below the archive's cutoff is found too (the archiver's second index path).
      fixture.insert(List.of(new DriftRecord.Custom(NOW.minus(50, ChronoUnit.DAYS), "l", "n", "v", "m", 3)));
      try (Connection connection = fixture.hotStore.dataSource().getConnection();
          Statement statement = connection.createStatement()) {
        statement.execute("UPDATE scouter.custom_metric SET updated_at = now() - interval '3 days' WHERE value = 3");
      }
      Instant lateMeasuredAt = Instant.now();
      assertThat(lag.measure(lateMeasuredAt)).isBetween(Duration.ofDays(3).minusMinutes(1),
          Duration.ofDays(3).plusMinutes(1));
      fixture.archiver(ArchiveFaults.NONE).archive();
      assertThat(lag.measure(Instant.now())).isEqualTo(Duration.ZERO);
    }
  }
}
