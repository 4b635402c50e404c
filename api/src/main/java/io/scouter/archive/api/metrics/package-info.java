/**
 * The metric definitions of the drift routes, in one pure, I/O-free place: the window and its time
 * bins, the SPC mean, the custom metric mean and sample standard deviation, PSI bin proportions and
 * the index itself. Both storage sides feed the same {@link SeriesMoments} or
 * {@link SeriesBinCounts}, so a time bin straddling the hot/archive boundary is merged exactly once
 * and the answer does not depend on how much of the window was archived.
 *
 * <p><b>Iceberg side</b>: every record in the window, row by row:
 * {@code moments.add(series, createdAtMicros, value)} or
 * {@code counts.add(feature, createdAtMicros, binId, binCount)}.
 *
 * <p><b>PostgreSQL side</b> (see {@code api.query.HotAggregates}): SPC and custom rows are
 * streamed over the binary protocol and added row by row exactly as on the Iceberg side (faster
 * than an exact partial aggregate in SQL, which must split each float8 into significand and
 * exponent and sum them as {@code numeric}; figures in BENCHMARKS.md). PSI partials are exact
 * integer sums and are computed in SQL: {@code sum(bin_count)} per (feature, bin_start, bin_id),
 * grouped with {@code date_bin(make_interval(secs => <Binning.widthSeconds()>), created_at,
 * timestamptz '1970-01-01 00:00:00+00')}, passed to {@link SeriesBinCounts#merge}. Parallel scan
 * groups each fill their own instance, merged with {@link SeriesMoments#mergeAll}. Nothing here
 * reads the clock or any store; callers pass {@code now}.
 */
package io.scouter.archive.api.metrics;
