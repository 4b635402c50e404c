package io.scouter.archive.api.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.scouter.archive.api.metrics.Binning;
import io.scouter.archive.api.metrics.SeriesMoments;
import io.scouter.archive.api.metrics.SpcResult;
import io.scouter.archive.api.metrics.TimeWindow;
import io.scouter.archive.api.testing.ArchiveBench;
import io.scouter.archive.catalog.drift.DriftRecord;
import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.catalog.testing.TemporaryDirectories;
import io.scouter.archive.catalog.testing.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.Test;

/**
 * How the archive side's reader was chosen: the same pinned, filtered scan of 30 days x 1/min x 5
 * features of one entity, aggregated into the same accumulators, read by Iceberg's vectorized Arrow
 * reader (what {@link ArchiveScanner} uses) and by {@code IcebergGenerics} (row by row records),
 * interleaved run by run so that load from other processes hits both alike. Not part of the suite
 * (the name matches no test pattern); run it by name:
 * {@code mvn -pl api test -Dtest=ArchiveReaderComparison -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ArchiveReaderComparison {
  private static final int RUNS = 40;

  @Test
  void arrowAgainstGenerics() throws Exception {
    // The window of the bench module's QueryLatencyBench: 30 days ending 2026-01-31, 1000 bins.
    Instant end = Instant.parse("2026-01-31T00:00:00Z");
    DriftQuery query = new DriftQuery(DriftType.SPC, "bench", "model", "1.0.0",
        Binning.of(TimeWindow.between(end.minus(Duration.ofDays(30)), end), 1000));
    try (ArchiveBench bench = new ArchiveBench(TestDatabases.freshDatabase("reader_comparison"),
        TemporaryDirectories.create("scouter-reader-comparison-"))) {
      Random random = new Random(3);
      Instant begin = query.window().begin();
      for (String space : List.of("bench", "neighbour")) {
        List<DriftRecord> records = new ArrayList<>();
        for (int minute = 0; minute < 30 * 1440; minute++) {
          for (int feature = 0; feature < 5; feature++) {
            records.add(new DriftRecord.Spc(begin.plusSeconds(60L * minute), space, "model", "1.0.0",
                "feature_" + feature, feature + random.nextGaussian()));
          }
        }
        bench.insert(records);
      }
      bench.archiveBefore(query.window().end().plus(Duration.ofDays(1)));
      Table table = bench.catalog.table(DriftType.SPC);
      table.refresh();
      long snapshot = table.currentSnapshot().snapshotId();
      ArchiveScanner arrow = new ArchiveScanner(bench.catalog);
      ExecutorService executor = Executors.newFixedThreadPool(1);
      ArchiveScanner arrowTwoGroups = new ArchiveScanner(bench.catalog, executor, 2);

      double[] arrowMillis = new double[RUNS];
      double[] parallelMillis = new double[RUNS];
      double[] genericMillis = new double[RUNS];
      SpcResult arrowAnswer = null;
      SpcResult parallelAnswer = null;
      SpcResult genericAnswer = null;
      for (int run = -5; run < RUNS; run++) {
        long started = System.nanoTime();
        SeriesMoments viaArrow = new SeriesMoments(query.binning());
        arrow.moments(query, snapshot, viaArrow);
        arrowAnswer = viaArrow.spc();
        long arrowEnded = System.nanoTime();
        SeriesMoments viaTwoGroups = new SeriesMoments(query.binning());
        arrowTwoGroups.moments(query, snapshot, viaTwoGroups);
        parallelAnswer = viaTwoGroups.spc();
        long parallelEnded = System.nanoTime();
        genericAnswer = generics(table, snapshot, query).spc();
        long ended = System.nanoTime();
        if (run >= 0) {
          arrowMillis[run] = (arrowEnded - started) / 1e6;
          parallelMillis[run] = (parallelEnded - arrowEnded) / 1e6;
          genericMillis[run] = (ended - parallelEnded) / 1e6;
        }
      }
      executor.shutdown();
      assertThat(arrowAnswer).isEqualTo(genericAnswer).isEqualTo(parallelAnswer);
      System.out.printf("Arrow vectorized: %s%nArrow, 2 groups:  %s%nIcebergGenerics:  %s%n", summary(arrowMillis),
          summary(parallelMillis), summary(genericMillis));
    }
  }

  private static SeriesMoments generics(Table table, long snapshot, DriftQuery query) {
    SeriesMoments moments = new SeriesMoments(query.binning());
    long begin = query.window().beginMicros();
    long end = query.window().endMicros();
    try (CloseableIterable<Record> records = IcebergGenerics.read(table).useSnapshot(snapshot)
        .where(ArchiveScanner.filter(query)).select("created_at", "feature", "value").build()) {
      for (Record record : records) {
        OffsetDateTime at = (OffsetDateTime) record.getField("created_at");
        long micros = at.toEpochSecond() * 1_000_000L + at.getNano() / 1_000;
        if (micros >= begin && micros < end) {
          moments.add((String) record.getField("feature"), micros, (Double) record.getField("value"));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return moments;
  }

  private static String summary(double[] millis) {
    double[] sorted = millis.clone();
    Arrays.sort(sorted);
    return String.format("p50 %.1f ms, p95 %.1f ms, min %.1f ms (%d runs)", sorted[sorted.length / 2],
        sorted[(int) Math.ceil(0.95 * sorted.length) - 1], sorted[0], sorted.length);
  }
}
