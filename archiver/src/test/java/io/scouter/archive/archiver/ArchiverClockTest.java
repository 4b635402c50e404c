package io.scouter.archive.archiver;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.scouter.archive.archiver.run.ArchiveFaults;
import io.scouter.archive.archiver.run.TableRunResult;
import io.scouter.archive.archiver.write.CopyRunFileWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** The archiver reads time from the clock it is given, never from the system's beside it. */
class ArchiverClockTest {
  @Test
  void aStoppedClockTimesThePassAndEveryTableRunAsZero() throws Exception {
    try (ArchiveFixture fixture = new ArchiveFixture("archiver_clock")) {
      fixture.ingest(5, 50, 0);
      Clock stopped = Clock.fixed(Instant.now().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
      ArchivePassResult pass = new DataArchiver(fixture.hotStore.dataSource(), fixture.catalog,
          ArchiverSettings.defaults(ArchiveFixture.RETENTION), new CopyRunFileWriter(), ArchiveFaults.NONE, stopped,
          new MetricRegistry()).archive();

      assertThat(pass.rows()).isEqualTo(50);
      assertThat(pass.startedAt()).isEqualTo(stopped.instant()).isEqualTo(pass.finishedAt());
      assertThat(pass.tables()).extracting(TableRunResult::duration).containsOnly(Duration.ZERO);
    }
  }
}
