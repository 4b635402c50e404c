package io.scouter.archive.bench;

import io.scouter.archive.catalog.drift.DriftType;
import java.io.IOException;

/**
 * Asks the service one binned-metric question and times the answer. The harness measures through
 * this interface only, so the latency figures follow whatever the read path is when it runs.
 */
interface QueryProbe {
  QueryAnswer query(DriftType type, BenchEntity entity, QueryWindow window) throws IOException, InterruptedException;
}
