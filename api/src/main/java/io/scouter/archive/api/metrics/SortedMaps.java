package io.scouter.archive.api.metrics;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/** Unmodifiable sorted copies, so every response lists its keys in one deterministic order. */
final class SortedMaps {
  private SortedMaps() {}

  static <K extends Comparable<K>, V> SortedMap<K, V> copyOf(Map<K, V> map, String what) {
    Objects.requireNonNull(map, what);
    SortedMap<K, V> copy = new TreeMap<>();
    map.forEach((key, value) -> copy.put(Objects.requireNonNull(key, what + " key"),
        Objects.requireNonNull(value, what + " value")));
    return Collections.unmodifiableSortedMap(copy);
  }
}
