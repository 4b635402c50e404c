package io.scouter.archive.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scouter.archive.catalog.settings.InvalidSettingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysTest {
  private static final String HASH = ApiKeys.hashHex("secret-key-for-tests-0000000000");

  @Test
  void findsTheKeyByItsHashWithItsRoles() {
    ApiKeys keys = ApiKeys.parse("ci:" + HASH + ":ingest+read, ops:" + ApiKeys.hashHex("other") + ":admin");
    assertThat(keys.authenticate("secret-key-for-tests-0000000000")).hasValueSatisfying(principal -> {
      assertThat(principal.name()).isEqualTo("ci");
      assertThat(principal.holds(Role.INGEST)).isTrue();
      assertThat(principal.holds(Role.ADMIN)).isFalse();
    });
    assertThat(keys.authenticate("other").orElseThrow().holds(Role.READ)).isTrue();
    assertThat(keys.authenticate("secret-key-for-tests-000000000")).isEmpty();
    assertThat(keys.toString()).doesNotContain(HASH);
  }

  @Test
  void rejectsMalformedEntriesWithoutEchoingThem() {
    assertThatThrownBy(() -> ApiKeys.parse("ci:" + HASH.substring(1) + ":read"))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageStartingWith("Invalid auth.keys (SCOUTER_API_KEYS): 'entry 1 (hidden)'")
        .hasMessageNotContaining(HASH.substring(1));
    assertThatThrownBy(() -> ApiKeys.parse("ci:" + HASH + ":root"))
        .hasMessageContaining("roles 'root' of key 'ci'");
    assertThatThrownBy(() -> ApiKeys.parse("ci:" + HASH + ":read,ci:" + HASH + ":admin"))
        .hasMessageContaining("key name 'ci' given twice");
  }

  @Test
  void generatesAnOwnerOnlyKeyFileOnceAndReusesIt(@TempDir Path directory) throws Exception {
    Path file = directory.resolve("keys/scouter-api-key");
    ApiKeys first = GeneratedKey.loadOrCreate(file);
    String key = Files.readString(file).strip();

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(key).startsWith("sk_").hasSizeGreaterThan(40);
    assertThat(first.authenticate(key).orElseThrow().holds(Role.ADMIN)).isTrue();
    assertThat(GeneratedKey.loadOrCreate(file).authenticate(key)).isPresent();
    assertThat(Files.readString(file).strip()).isEqualTo(key);
  }
}
