package io.scouter.archive.catalog.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalLocationsTest {

  @ParameterizedTest
  @ValueSource(strings = {"file:///data/wh/t/x.parquet", "file:/data/wh/t/x.parquet", "/data/wh/t/x.parquet",
      "FILE:///data/wh/t/x.parquet"})
  void acceptsTheThreeFormsOfAnAbsoluteLocalPath(String location) {
    assertThat(LocalLocations.toPath(location)).isEqualTo(Path.of("/data/wh/t/x.parquet"));
  }

  @Test
  void keepsPercentEncodedPartitionValuesLiterally() {
    assertThat(LocalLocations.toPath("file:///wh/data/space=a%2Fb+c/f.parquet"))
        .isEqualTo(Path.of("/wh/data/space=a%2Fb+c/f.parquet"));
  }

  @Test
  void rejectsOtherSchemes() {
    assertThatThrownBy(() -> LocalLocations.toPath("s3://bucket/key"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid location: s3://bucket/key (LocalFileIO supports only file: URIs and absolute paths)");
  }

  @Test
  void rejectsFileUrisWithAHost() {
    assertThatThrownBy(() -> LocalLocations.toPath("file://host/data/x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid location: file://host/data/x (file URIs with a host are not supported)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"data/x", "file:data/x", "./x"})
  void rejectsRelativePaths(String location) {
    assertThatThrownBy(() -> LocalLocations.toPath(location))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid location: " + location + " (path must be absolute)");
  }

  @Test
  void rejectsNullEmptyAndNul() {
    assertThatThrownBy(() -> LocalLocations.toPath(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid location: null");
    assertThatThrownBy(() -> LocalLocations.toPath(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid location: (empty)");
    assertThatThrownBy(() -> LocalLocations.toPath("/a\0b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid location: /a\0b (Nul character not allowed)");
  }

  @Test
  void childKeepsThePrefixForm() {
    assertThat(LocalLocations.child("file:///wh", "a/b")).isEqualTo("file:///wh/a/b");
    assertThat(LocalLocations.child("file:///wh/", "a")).isEqualTo("file:///wh/a");
    assertThat(LocalLocations.child("file:/wh", "a")).isEqualTo("file:/wh/a");
    assertThat(LocalLocations.child("/", "a")).isEqualTo("/a");
  }
}
