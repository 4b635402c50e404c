-- The archive's extent becomes a watermark instead of a mark on every row (README, "Guarantees").
--
-- A hot row is archived exactly when   created_at < archive_state.cutoff
--                                  AND pg_visible_in_snapshot(ins_xid, archive_state.pg_snapshot)
-- where ins_xid is the id of the transaction that inserted it and pg_snapshot is the snapshot the
-- archive run's COPY read. Each run moves both forward, so the rows it copies are exactly those the
-- new watermark covers and the old one did not. Claiming rows (one UPDATE per row) and marking them
-- archived (another) cost ~30x the COPY itself; moving the watermark is one row.
--
-- `archived` stays for compatibility with the original schema. Rows archived before this version
-- keep it true; the archiver sets it no more: scouter.is_archived() is the answer.

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM archive_run WHERE status = 'claimed') THEN
        RAISE EXCEPTION 'Archive runs are still pending (scouter.archive_run.status = claimed): '
            'run the previous version''s archiver once to finish them, then upgrade';
    END IF;
END $$;

-- Rows that exist now are given this migration's transaction id (its snapshot below does not see
-- it), those already archived the id 1, which every snapshot sees.
ALTER TABLE spc_drift ADD COLUMN ins_xid xid8 NOT NULL DEFAULT pg_current_xact_id();
ALTER TABLE observed_bin_count ADD COLUMN ins_xid xid8 NOT NULL DEFAULT pg_current_xact_id();
ALTER TABLE custom_metric ADD COLUMN ins_xid xid8 NOT NULL DEFAULT pg_current_xact_id();
UPDATE spc_drift SET ins_xid = '1' WHERE archived;
UPDATE observed_bin_count SET ins_xid = '1' WHERE archived;
UPDATE custom_metric SET ins_xid = '1' WHERE archived;

-- The per-row bookkeeping and the indexes that served it.
DROP INDEX spc_drift_claimed_in_order, observed_bin_count_claimed_in_order, custom_metric_claimed_in_order;
DROP INDEX spc_drift_unarchived, observed_bin_count_unarchived, custom_metric_unarchived;
DROP INDEX spc_drift_unarchived_time, observed_bin_count_unarchived_time, custom_metric_unarchived_time;
DROP INDEX spc_drift_archived_time, observed_bin_count_archived_time, custom_metric_archived_time;
ALTER TABLE spc_drift DROP COLUMN archive_run;
ALTER TABLE observed_bin_count DROP COLUMN archive_run;
ALTER TABLE custom_metric DROP COLUMN archive_run;

-- "Rows inserted since snapshot S with created_at before C": the late arrivals a run must add.
-- created_at is a key column so that it is checked in the index, not on the heap.
CREATE INDEX spc_drift_inserted ON spc_drift (ins_xid, created_at);
CREATE INDEX observed_bin_count_inserted ON observed_bin_count (ins_xid, created_at);
CREATE INDEX custom_metric_inserted ON custom_metric (ins_xid, created_at);

-- A run records the watermark it moves to before it commits to Iceberg, and the run it follows,
-- so that reconciliation can finish it and the commit can refuse a stale base. A run no longer
-- claims rows: until it is done, released or failed it is 'pending'.
ALTER TABLE archive_run ADD COLUMN pg_snapshot pg_snapshot;
ALTER TABLE archive_run ADD COLUMN base_run_id bigint;
ALTER TABLE archive_run DROP CONSTRAINT archive_run_status_check;
ALTER TABLE archive_run ADD CONSTRAINT archive_run_status_check
    CHECK (status IN ('pending', 'done', 'released', 'failed'));
DROP INDEX archive_run_pending;
CREATE INDEX archive_run_pending ON archive_run (table_name, id) WHERE status = 'pending';

-- The readers' cut: the Iceberg snapshot, the watermark its rows are under, and the last run in it.
ALTER TABLE archive_state ADD COLUMN run_id bigint;
ALTER TABLE archive_state ADD COLUMN cutoff timestamptz;
ALTER TABLE archive_state ADD COLUMN pg_snapshot pg_snapshot;
UPDATE archive_state s SET
    run_id = (SELECT max(r.id) FROM archive_run r WHERE r.table_name = s.table_name AND r.status = 'done'),
    cutoff = coalesce((SELECT max(r.cutoff) FROM archive_run r WHERE r.table_name = s.table_name
                       AND r.status = 'done'), '-infinity'),
    pg_snapshot = (pg_current_xact_id()::text || ':' || pg_current_xact_id()::text || ':')::pg_snapshot;
ALTER TABLE archive_state ALTER COLUMN cutoff SET NOT NULL;
ALTER TABLE archive_state ALTER COLUMN pg_snapshot SET NOT NULL;

-- The rule above, for operators, external tools and pg_cron; the service inlines it for speed.
CREATE FUNCTION is_archived(hot_table text, created_at timestamptz, ins_xid xid8) RETURNS boolean
    LANGUAGE sql STABLE AS $$
        SELECT coalesce((SELECT created_at < s.cutoff AND pg_visible_in_snapshot(ins_xid, s.pg_snapshot)
                         FROM scouter.archive_state s WHERE s.table_name = hot_table), false)
    $$;

-- Transaction ids are only meaningful in the cluster that issued them. After a logical restore
-- (pg_dump into another cluster) the restored rows keep their old ids, new rows get the new
-- cluster's, and the watermark can no longer tell them apart; the service detects this (the
-- cluster's transaction ids are behind the watermark's snapshot) and refuses to start. This puts
-- the watermark back on the new cluster's ids: rows it covered get id 1 (seen by every snapshot),
-- every other row this transaction's id, and the watermark a snapshot that does not see it. Run it
-- right after the restore, before anything writes to the hot tables (README, "Restoring the hot
-- store"). Not possible while an archive run is pending: its snapshot belongs to the old cluster.
CREATE FUNCTION rebase_archive_watermark() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    state record;
    fresh pg_snapshot := (pg_current_xact_id()::text || ':' || pg_current_xact_id()::text || ':')::pg_snapshot;
BEGIN
    IF EXISTS (SELECT 1 FROM scouter.archive_run WHERE status = 'pending') THEN
        RAISE EXCEPTION 'Cannot rebase the archive watermark while archive runs are pending (%): '
            'restore a dump taken between archive runs',
            (SELECT string_agg(id::text, ', ') FROM scouter.archive_run WHERE status = 'pending');
    END IF;
    FOR state IN SELECT table_name, cutoff, pg_snapshot FROM scouter.archive_state FOR UPDATE LOOP
        EXECUTE format('LOCK TABLE scouter.%I IN SHARE MODE', state.table_name);
        EXECUTE format('UPDATE scouter.%I SET ins_xid = CASE WHEN created_at < $1 '
                || 'AND pg_visible_in_snapshot(ins_xid, $2) THEN ''1''::xid8 ELSE pg_current_xact_id() END',
                state.table_name)
            USING state.cutoff, state.pg_snapshot;
        UPDATE scouter.archive_state SET pg_snapshot = fresh, updated_at = now()
            WHERE table_name = state.table_name;
    END LOOP;
END $$;
