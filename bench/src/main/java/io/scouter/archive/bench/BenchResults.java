package io.scouter.archive.bench;

import io.scouter.archive.archiver.ArchivePassResult;
import io.scouter.archive.catalog.drift.DriftType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything one run measured, before it is written as tables. */
record BenchResults(
    DriftDataGenerator data,
    List<QueryWindow> windows,
    Map<DriftType, Long> loaded,
    Map<DriftType, CopyThroughput.Timed> copy,
    Map<DriftType, CopyThroughput.Timed> write,
    Map<DriftType, PairedArchiveRuns.Result> pairedRuns,
    ArchivePassResult pass,
    CpuMeter.CpuTime passCpu,
    Map<DriftType, Map<StepClock.Phase, Duration>> passPhases,
    HeapWatch.Result heap,
    Map<DriftType, Map<QueryWindow, LatencyResult>> hot,
    Map<DriftType, Map<QueryWindow, LatencyResult>> sqlAggregate,
    Map<DriftType, Map<QueryWindow, LatencyResult>> archived,
    Map<DriftType, Map<QueryWindow, PlannedFiles.Result>> pruning,
    Breakdown breakdown,
    Optional<Scaled> scaled,
    Optional<IngestionProbe.Result> ingestion) {

  /** "Where the time goes" for the SPC question over {@code window}: each side's rows read without binning. */
  record Breakdown(QueryWindow window, LatencyResult hotStream, LatencyResult archiveRead) {}

  /** The same SPC questions against an archive holding {@code entities} entities' SPC rows. */
  record Scaled(int entities, long rowsAdded, ArchivePassResult pass, Map<QueryWindow, LatencyResult> latency,
      Map<QueryWindow, PlannedFiles.Result> pruning) {}
}
