package io.scouter.archive.archiver.write;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Pins that the per-file Hadoop configuration shortcut still applies to the Iceberg we build with. */
class HadoopConfigurationReuseTest {
  @Test
  void appliesToThisIcebergVersion() {
    assertThat(HadoopConfigurationReuse.available())
        .as("Parquet.DataWriteBuilder.appenderBuilder and Parquet.WriteBuilder.conf exist")
        .isTrue();
  }
}
