-- The copy step reads one run's rows in partition order (space, name, version, then time). With
-- this index PostgreSQL streams them straight off it instead of sorting the run on disk, which
-- measured 4.5 s instead of 1.7 s for 2M rows. It replaces V2's index on archive_run alone.
DROP INDEX spc_drift_claimed;
DROP INDEX observed_bin_count_claimed;
DROP INDEX custom_metric_claimed;

CREATE INDEX spc_drift_claimed_in_order ON spc_drift (archive_run, space, name, version, created_at)
    WHERE archive_run IS NOT NULL AND NOT archived;
CREATE INDEX observed_bin_count_claimed_in_order ON observed_bin_count (archive_run, space, name, version, created_at)
    WHERE archive_run IS NOT NULL AND NOT archived;
CREATE INDEX custom_metric_claimed_in_order ON custom_metric (archive_run, space, name, version, created_at)
    WHERE archive_run IS NOT NULL AND NOT archived;
