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
 * <p><b>PostgreSQL side</b>: per (series, bin) partials, grouped with
 * {@code date_bin(make_interval(secs => <Binning.widthSeconds()>), created_at,
 * timestamptz '1970-01-01 00:00:00+00') AS bin_start}. PSI:
 * {@code sum(bin_count)} per (feature, bin_start, bin_id), passed to
 * {@link SeriesBinCounts#merge}. SPC and custom metrics need exact sums, and
 * {@code value::numeric} is not exact (PostgreSQL rounds float8 to 15 digits there), so each
 * float8 is split into its integer significand and binary exponent and the significands are summed
 * as {@code numeric}, per block of 32 exponents:
 *
 * <pre>{@code
 * WITH decomposed AS (
 *   SELECT feature, date_bin(...) AS bin_start,
 *          ('x' || encode(float8send(value), 'hex'))::bit(64)::bigint AS bits
 *   FROM scouter.spc_drift WHERE ...
 * ), split AS (
 *   SELECT feature, bin_start,
 *          CASE WHEN (bits >> 52) & 2047 = 0 THEN -1074 ELSE ((bits >> 52) & 2047)::int - 1075 END AS exponent,
 *          CASE WHEN bits < 0 THEN -1 ELSE 1 END
 *            * ((bits & 4503599627370495) | CASE WHEN (bits >> 52) & 2047 = 0 THEN 0 ELSE 4503599627370496 END)
 *            AS significand
 *   FROM decomposed
 * ), scaled AS (
 *   SELECT feature, bin_start, 32 * (exponent >> 5) AS exponent,
 *          significand::numeric * (1::bigint << (exponent & 31)) AS scaled
 *   FROM split
 * )
 * SELECT feature, bin_start, exponent, count(*) AS count,
 *        sum(scaled) AS sum, sum(scaled * scaled) AS sum_of_squares
 * FROM scaled GROUP BY feature, bin_start, exponent
 * }</pre>
 *
 * <p>Each result row goes to {@link SeriesMoments#merge} as
 * {@link MomentsAccumulator#ofScaledSums}{@code (count, exponent, sum.toBigIntegerExact(),
 * sum_of_squares.toBigIntegerExact())}; a bin usually has one or two such rows. Nothing here reads
 * the clock or any store; callers pass {@code now}.
 */
package io.scouter.archive.api.metrics;
