package io.scouter.archive.api.entities;

import java.util.Comparator;

/** One monitored model: (space, name, version). */
record EntityKey(String space, String name, String version) implements Comparable<EntityKey> {
  private static final Comparator<EntityKey> ORDER = Comparator.comparing(EntityKey::space)
      .thenComparing(EntityKey::name).thenComparing(EntityKey::version);

  @Override
  public int compareTo(EntityKey other) {
    return ORDER.compare(this, other);
  }
}
