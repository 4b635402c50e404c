package io.scouter.archive.catalog.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseUriTest {
  @Test
  void unsetMeansEmbedded() {
    assertThat(DatabaseUri.parse(null)).isEmpty();
    assertThat(DatabaseUri.parse("  ")).isEmpty();
  }

  @Test
  void parsesTheOriginalForm() {
    DatabaseUri uri = DatabaseUri.parse("postgresql://admin:s3cret@db.example.com:5433/scouter").orElseThrow();
    assertThat(uri.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:5433/scouter");
    assertThat(uri.user()).contains("admin");
    assertThat(uri.password()).contains("s3cret");
  }

  @Test
  void decodesPercentEncodedCredentialsAndKeepsOptions() {
    DatabaseUri uri = DatabaseUri.parse("postgres://us%40er:p%3Aw+d@localhost/db?sslmode=require").orElseThrow();
    assertThat(uri.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/db?sslmode=require");
    assertThat(uri.user()).contains("us@er");
    assertThat(uri.password()).contains("p:w+d");
  }

  @Test
  void acceptsJdbcUrlsAndMissingCredentials() {
    DatabaseUri uri = DatabaseUri.parse("jdbc:postgresql://127.0.0.1:5432/postgres").orElseThrow();
    assertThat(uri.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/postgres");
    assertThat(uri.user()).isEmpty();
    assertThat(uri.password()).isEmpty();
  }

  @Test
  void neverShowsThePassword() {
    DatabaseUri uri = DatabaseUri.parse("postgresql://admin:s3cret@host/db").orElseThrow();
    assertThat(uri.toString()).doesNotContain("s3cret").contains("****");
  }

  @ParameterizedTest
  @ValueSource(strings = {"mysql://u:p@host/db", "postgresql://host", "postgresql:///db", "not a uri", "postgresql://h:99x/db"})
  void rejectsUnparsableUris(String text) {
    assertThatThrownBy(() -> DatabaseUri.parse(text))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageStartingWith("Invalid DATABASE_URI: '")
        .hasMessageContaining("accepted: postgresql://user:password@host:port/database");
  }

  @Test
  void rejectionHidesThePassword() {
    assertThatThrownBy(() -> DatabaseUri.parse("mysql://admin:s3cret@host/db"))
        .hasMessageNotContaining("s3cret")
        .hasMessageContaining("admin:****@host");
  }

  @Test
  void hidesPasswordsInQueryOptionsToo() {
    DatabaseUri uri = DatabaseUri.parse("postgresql://admin@host/db?sslmode=verify-full&sslpassword=k3y&password=p4ss")
        .orElseThrow();
    assertThat(uri.toString()).doesNotContain("k3y").doesNotContain("p4ss").contains("sslmode=verify-full");
    assertThatThrownBy(() -> DatabaseUri.parse("mysql://host/db?sslpassword=k3y"))
        .hasMessageNotContaining("k3y")
        .hasMessageContaining("sslpassword=****");
  }
}
