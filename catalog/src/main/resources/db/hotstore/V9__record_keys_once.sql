-- Each record key once, forever (README, "Guarantees").
--
-- An archive run leaves out late arrivals whose key the archive already holds and counts them here;
-- its watermark still covers them, so readers count the archived copy alone.
ALTER TABLE archive_run ADD COLUMN duplicates_dropped bigint NOT NULL DEFAULT 0;

-- The duplicate-removal step: keys held more than once in an Iceberg table (archived twice by
-- versions before this one) are rewritten away, one commit per table. One row per table and step.
CREATE TABLE duplicate_removal_run (
    id                bigserial   PRIMARY KEY,
    table_name        text        NOT NULL,
    status            text        NOT NULL CHECK (status IN ('running', 'done', 'failed')),
    started_at        timestamptz NOT NULL DEFAULT now(),
    finished_at       timestamptz,
    base_snapshot_id  bigint,
    snapshot_id       bigint,
    partitions_read   bigint      NOT NULL DEFAULT 0,
    keys_duplicated   bigint      NOT NULL DEFAULT 0,
    rows_removed      bigint      NOT NULL DEFAULT 0,
    files_replaced    integer     NOT NULL DEFAULT 0,
    files_added       integer     NOT NULL DEFAULT 0,
    error             text
);
CREATE INDEX duplicate_removal_run_table ON duplicate_removal_run (table_name, id);
