package io.scouter.archive.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.scouter.archive.api.auth.ApiKeys;
import io.scouter.archive.api.auth.GeneratedKey;
import io.scouter.archive.api.auth.ReadAccess;
import jakarta.validation.constraints.NotEmpty;
import java.nio.file.Path;

/**
 * API keys and roles: the configured key hashes ({@code SCOUTER_API_KEYS}), whether reads need a
 * key ({@code SCOUTER_AUTH_READS}), and where a default installation keeps its generated key.
 */
public final class AuthFactory {
  private ApiKeys keys = ApiKeys.parse(null);
  private ReadAccess reads = ReadAccess.KEYS;

  @NotEmpty
  private String keyFile = "./scouter-api-key";

  /** Never echoed back: the getter-less setter keeps the hashes out of any configuration dump. */
  @JsonProperty("keys")
  public void setKeys(String text) {
    this.keys = ApiKeys.parse(text);
  }

  @JsonProperty("reads")
  public void setReads(String text) {
    this.reads = ReadAccess.parse(text);
  }

  public ReadAccess reads() {
    return reads;
  }

  @JsonProperty
  public String getKeyFile() {
    return keyFile;
  }

  @JsonProperty
  public void setKeyFile(String keyFile) {
    this.keyFile = keyFile;
  }

  /** The configured keys, or the generated admin key when none is configured. */
  public ApiKeys keys() {
    return keys.isEmpty() ? GeneratedKey.loadOrCreate(Path.of(keyFile)) : keys;
  }
}
