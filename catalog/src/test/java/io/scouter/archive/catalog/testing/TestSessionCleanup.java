package io.scouter.archive.catalog.testing;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * When the test run of a JVM ends, stops the shared embedded test server and deletes its data
 * directory and every {@link TemporaryDirectories} directory.
 *
 * <p>Why here and not only in shutdown hooks: a hook runs while the JVM exits, which Surefire
 * bounds in time and may cut short (a server's shutdown checkpoint alone can take many seconds on
 * a busy machine), leaving hundreds of MB in {@code /tmp}. The session's end is still inside the
 * test run. Registered in {@code META-INF/services}, so every module whose tests have this test-jar
 * on the classpath gets it.
 */
public final class TestSessionCleanup implements LauncherSessionListener {
  @Override
  public void launcherSessionClosed(LauncherSession session) {
    TestDatabases.stopEmbedded();
    TemporaryDirectories.deleteAll();
  }
}
