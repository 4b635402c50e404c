package io.scouter.archive.archiver.run;

import io.scouter.archive.catalog.drift.DriftType;
import java.time.Instant;
import java.util.UUID;

/** A run that holds rows: its id (the marker written into the Iceberg snapshot) and what it claimed. */
public record ClaimedRun(long id, UUID passId, DriftType type, long rows, Instant minCreatedAt, Instant maxCreatedAt) {}
