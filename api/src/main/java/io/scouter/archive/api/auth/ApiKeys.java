package io.scouter.archive.api.auth;

import io.scouter.archive.catalog.settings.InvalidSettingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The configured API keys, held only as SHA-256 hashes. The setting is a comma-separated list of
 * {@code name:sha256-hex:role+role} entries, e.g. {@code ci:9f86d0...:ingest+read}. A plain SHA-256
 * suffices because keys are 256-bit random values, not passwords: there is nothing to guess.
 *
 * <p>Lookups hash the presented key and compare it with every configured hash in constant time,
 * without stopping at a match, so timing tells nothing about which bytes or which key matched.
 */
public final class ApiKeys {
  public static final String SETTING = "auth.keys (SCOUTER_API_KEYS)";
  private static final String ACCEPTED = "comma-separated name:sha256-hex:role[+role...] entries, roles from "
      + "ingest, read, admin";

  private final List<Entry> entries;

  private record Entry(String name, byte[] hash, Set<String> roles) {}

  private ApiKeys(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** Parses the setting; blank means no key is configured. Errors never echo a hash back. */
  public static ApiKeys parse(String text) {
    List<Entry> entries = new ArrayList<>();
    Set<String> names = new HashSet<>();
    if (text != null && !text.isBlank()) {
      for (String item : text.split(",")) {
        String[] parts = item.trim().split(":");
        if (parts.length != 3 || parts[0].isBlank() || !parts[1].matches("[0-9a-fA-F]{64}")) {
          throw new InvalidSettingException(SETTING, "entry " + (entries.size() + 1) + " (hidden)", ACCEPTED);
        }
        Set<String> roles = new LinkedHashSet<>(List.of(parts[2].split("\\+")));
        if (!Role.ALL.containsAll(roles)) {
          throw new InvalidSettingException(SETTING, "roles '" + parts[2] + "' of key '" + parts[0] + "'", ACCEPTED);
        }
        if (!names.add(parts[0])) {
          throw new InvalidSettingException(SETTING, "key name '" + parts[0] + "' given twice", ACCEPTED);
        }
        entries.add(new Entry(parts[0], HexFormat.of().parseHex(parts[1].toLowerCase()), roles));
      }
    }
    return new ApiKeys(entries);
  }

  /** A single key, given in clear (the generated key of a default installation). */
  public static ApiKeys ofKey(String name, String key, Set<String> roles) {
    return new ApiKeys(List.of(new Entry(name, sha256(key), roles)));
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** The principal of the presented key, if it is one of ours. */
  public Optional<ApiKeyPrincipal> authenticate(String presentedKey) {
    byte[] presented = sha256(presentedKey);
    Entry found = null;
    for (Entry entry : entries) {
      if (MessageDigest.isEqual(entry.hash(), presented) && found == null) {
        found = entry;
      }
    }
    return found == null ? Optional.empty() : Optional.of(new ApiKeyPrincipal(found.name(), found.roles()));
  }

  /** The SHA-256 of a key in hex, as written in the setting. */
  public static String hashHex(String key) {
    return HexFormat.of().formatHex(sha256(key));
  }

  private static byte[] sha256(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Cannot hash API keys: SHA-256 is missing from this JVM", e);
    }
  }

  @Override
  public String toString() {
    return "ApiKeys[" + entries.size() + " keys]";
  }
}
