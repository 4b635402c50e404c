package io.scouter.archive.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.scouter.archive.catalog.hotstore.HotStore;
import io.scouter.archive.catalog.settings.PoolSize;
import io.scouter.archive.catalog.testing.TestDatabases;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** On the test server (embedded, on this machine) the meter sees PostgreSQL's CPU as well as the JVM's. */
class CpuMeterTest {
  @Test
  void measuresTheServersCpuBesideTheJvms() throws Exception {
    try (HotStore store = HotStore.open(TestDatabases.freshDatabase("cpu_meter"), new PoolSize(2))) {
      CpuMeter meter = CpuMeter.forServer(store.dataSource());
      CpuMeter.Reading start = meter.read();
      try (Connection connection = store.dataSource().getConnection();
          Statement statement = connection.createStatement()) {
        statement.execute("SELECT count(*) FROM generate_series(1, 5000000)");
      }
      CpuMeter.CpuTime cpu = meter.since(start);
      assertThat(cpu.postgres()).as("the server's CPU for a query that only it works on")
          .hasValueSatisfying(postgres -> assertThat(postgres).isGreaterThan(Duration.ofMillis(50)));
      assertThat(cpu.wall()).isPositive();
      assertThat(cpu.busyCores()).hasValueSatisfying(cores -> assertThat(cores).isPositive());
    }
  }
}
