package io.scouter.archive.archiver.write;

import java.lang.reflect.Field;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.parquet.Parquet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the Parquet write builders of one write a single copy of an already-loaded Hadoop
 * {@link Configuration}.
 *
 * <p>Why: for any FileIO other than HadoopFileIO, Iceberg 1.11's {@code Parquet.WriteBuilder} makes a
 * {@code new Configuration()} per data file, and its first use looks up and parses
 * {@code core-default.xml} and {@code core-site.xml} from the class path, under a JVM-wide lock. In
 * the archive benchmark (140 files for 2M rows) that was 40% of the encoding CPU. Hadoop's copy
 * constructor clones the loaded properties instead, so the result is the same configuration at a
 * fraction of the cost; HadoopFileIO's files already get exactly this treatment from Iceberg.
 *
 * <p>One copy per write, not per file: copying the loaded defaults (some 400 properties) was itself 7%
 * of the encoder threads' CPU for day files of 7,200 rows. The files of one write share the copy
 * safely: each builder sets the same table properties into it (the write's properties do not change),
 * Parquet only reads it, and Configuration's getters and setters are thread-safe. Writes do not share
 * one, as different tables may set different values.
 *
 * <p>Iceberg offers no way to pass a Configuration, so this sets the builder's private field. If a
 * later Iceberg renames it, writing carries on unchanged, only slower, with one warning; a test pins
 * that the shortcut is active on the Iceberg version we build with.
 */
final class HadoopConfigurationReuse {
  private static final Logger LOG = LoggerFactory.getLogger(HadoopConfigurationReuse.class);
  private static final Configuration LOADED = loaded();
  private static final Field APPENDER_BUILDER = field(Parquet.DataWriteBuilder.class, "appenderBuilder");
  private static final Field CONFIGURATION = field(Parquet.WriteBuilder.class, "conf");

  private final Configuration shared = new Configuration(LOADED);

  /** For the files of one write, whose builders all get the same properties. */
  HadoopConfigurationReuse() {}

  /** Whether {@link #apply} will take effect with the Iceberg version on the class path. */
  static boolean available() {
    return APPENDER_BUILDER != null && CONFIGURATION != null;
  }

  /** Replaces the builder's fresh Configuration by this write's copy of the loaded one; no-op if unavailable. */
  Parquet.DataWriteBuilder apply(Parquet.DataWriteBuilder builder) {
    if (available()) {
      try {
        CONFIGURATION.set(APPENDER_BUILDER.get(builder), shared);
      } catch (IllegalAccessException | RuntimeException e) {
        LOG.warn("Cannot reuse the Hadoop configuration for Parquet writers; each file parses its own", e);
      }
    }
    return builder;
  }

  /** The Configuration a builder will write with, for tests. */
  static Configuration configurationOf(Parquet.DataWriteBuilder builder) throws IllegalAccessException {
    return (Configuration) CONFIGURATION.get(APPENDER_BUILDER.get(builder));
  }

  private static Configuration loaded() {
    Configuration configuration = new Configuration();
    configuration.size(); // loads the default resources now, once
    return configuration;
  }

  private static Field field(Class<?> owner, String name) {
    try {
      Field field = owner.getDeclaredField(name);
      field.setAccessible(true);
      return field;
    } catch (NoSuchFieldException | RuntimeException e) {
      LOG.warn("Cannot reuse the Hadoop configuration for Parquet writers ({}.{} not found);"
          + " each data file will parse its own", owner.getName(), name, e);
      return null;
    }
  }
}
