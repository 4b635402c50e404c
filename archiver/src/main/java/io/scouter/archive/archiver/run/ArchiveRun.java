package io.scouter.archive.archiver.run;

import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.archiver.watermark.ArchiveWatermark;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * A run as recorded in {@code scouter.archive_run} before anything is written: its id (the marker
 * its Iceberg snapshot carries), the run it follows in the table ({@code baseRunId}, empty for the
 * table's first) and the watermark it moves the archive to. This is all a later process needs to
 * finish the run from its snapshot, or to know it never committed.
 */
public record ArchiveRun(long id, UUID passId, DriftType type, OptionalLong baseRunId, ArchiveWatermark target) {}
