package io.scouter.archive.api.entities;

import java.time.Instant;

/** A span of {@code created_at}, both ends included. */
public record Span(Instant begin, Instant end) {}
