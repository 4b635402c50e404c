package io.scouter.archive.bench;

import io.scouter.archive.api.auth.ApiKeys;
import io.scouter.archive.api.auth.GeneratedKey;

/** A fresh admin API key per benchmark JVM: the in-process service is configured with its hash only. */
final class BenchKey {
  static final String KEY = GeneratedKey.newKey();
  static final String HEADER = "Bearer " + KEY;
  static final String SETTING = "bench:" + ApiKeys.hashHex(KEY) + ":admin";

  private BenchKey() {}
}
