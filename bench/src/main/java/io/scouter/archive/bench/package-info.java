/**
 * The benchmark, in its own module and jar so that the service jar ships without it:
 * {@link io.scouter.archive.bench.BenchApplication} is the service plus the {@code bench} command,
 * which runs the service in-process (assembled by the same {@code Application.run} as
 * {@code server}) on a temporary database and warehouse, measures, and appends to BENCHMARKS.md.
 * It reaches the archiver's write path only through {@code archiver.write.WriteReference}.
 */
package io.scouter.archive.bench;
