package io.scouter.archive.archiver.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.iceberg.Files;
import org.apache.iceberg.parquet.Parquet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pins that the per-write Hadoop configuration shortcut still applies to the Iceberg we build with. */
class HadoopConfigurationReuseTest {
  @TempDir
  Path directory;

  @Test
  void appliesToThisIcebergVersion() {
    assertThat(HadoopConfigurationReuse.available())
        .as("Parquet.DataWriteBuilder.appenderBuilder and Parquet.WriteBuilder.conf exist")
        .isTrue();
  }

  @Test
  void theFilesOfOneWriteShareOneLoadedConfigurationAndWritesDoNot() throws Exception {
    HadoopConfigurationReuse oneWrite = new HadoopConfigurationReuse();
    HadoopConfigurationReuse otherWrite = new HadoopConfigurationReuse();

    var first = HadoopConfigurationReuse.configurationOf(oneWrite.apply(builder("a.parquet")));
    var second = HadoopConfigurationReuse.configurationOf(oneWrite.apply(builder("b.parquet")));
    var other = HadoopConfigurationReuse.configurationOf(otherWrite.apply(builder("c.parquet")));

    assertThat(first).isSameAs(second).isNotSameAs(other);
    assertThat(first.get("fs.defaultFS")).as("the defaults are loaded").isEqualTo("file:///");
  }

  private Parquet.DataWriteBuilder builder(String name) {
    return Parquet.writeData(Files.localOutput(directory.resolve(name).toFile()));
  }
}
