package io.scouter.archive.api.entities;

import java.time.Instant;

/** A span of {@code created_at}, both ends included. */
public record Span(Instant begin, Instant end) {
  Span union(Span other) {
    return other == null ? this : new Span(begin.isBefore(other.begin) ? begin : other.begin,
        end.isAfter(other.end) ? end : other.end);
  }
}
