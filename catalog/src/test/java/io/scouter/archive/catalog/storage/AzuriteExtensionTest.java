package io.scouter.archive.catalog.storage;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AzuriteExtensionTest {
  @Test
  void failsWithTheInstallCommandWhenAzuriteIsNotInstalled(@TempDir Path emulators) {
    AzuriteExtension extension = new AzuriteExtension(emulators);

    assertThatThrownBy(() -> extension.beforeAll(null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "Cannot start Azurite: %s is missing. Install the test emulators with: npm ci --prefix %s",
            emulators.resolve("node_modules/azurite/dist/src/blob/main.js"), emulators);
  }
}
