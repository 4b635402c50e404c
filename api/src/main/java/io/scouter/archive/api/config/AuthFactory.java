package io.scouter.archive.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.setup.Environment;
import io.scouter.archive.api.auth.AdminPortFilter;
import io.scouter.archive.api.auth.ApiKeys;
import io.scouter.archive.api.auth.DefaultDenyFeature;
import io.scouter.archive.api.auth.GeneratedKey;
import io.scouter.archive.api.auth.ReadAccess;
import jakarta.servlet.DispatcherType;
import jakarta.validation.constraints.NotEmpty;
import java.nio.file.Path;
import java.util.EnumSet;

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

  /** Puts every route of both ports behind the keys (see {@link DefaultDenyFeature}, {@link AdminPortFilter}). */
  public void register(Environment environment) {
    ApiKeys active = keys();
    environment.jersey().register(new DefaultDenyFeature(active, reads));
    environment.admin().addFilter("api-keys", new AdminPortFilter(active, environment.getObjectMapper()))
        .addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), true, "/*");
  }
}
