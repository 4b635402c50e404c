package io.scouter.archive.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.scouter.archive.catalog.testing.TemporaryDirectories;
import io.scouter.archive.catalog.testing.TestDatabases;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * Runs the benchmark of BENCHMARKS.md on the test database: {@code mvn -pl api test
 * -Dtest=QueryLatencyBenchRun -Dsurefire.failIfNoSpecifiedTests=false}. Not part of the suite (the name
 * matches no test pattern); it loads about a million rows.
 */
class QueryLatencyBenchRun {
  @Test
  void hotAndArchivedSideBySide() throws Exception {
    QueryLatencyBench.Report report = QueryLatencyBench.run(TestDatabases.freshDatabase("bench"),
        TemporaryDirectories.create("scouter-bench-warehouse-"), QueryLatencyBench.Settings.defaults());
    report.print(System.out);
    assertThat(report.sameAnswer()).isTrue();
  }
}
