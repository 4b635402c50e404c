-- The archive protocol's state (README, "Guarantees"). PostgreSQL is the single source of truth for
-- where each row is: a row is claimed by one run (archive_run), copied into one Iceberg snapshot,
-- and marked archived in the same transaction that moves archive_state to that snapshot.

ALTER TABLE spc_drift ADD COLUMN archive_run bigint;
ALTER TABLE observed_bin_count ADD COLUMN archive_run bigint;
ALTER TABLE custom_metric ADD COLUMN archive_run bigint;

-- The copy step reads exactly one run's rows, in partition order.
CREATE INDEX spc_drift_claimed ON spc_drift (archive_run) WHERE archive_run IS NOT NULL AND NOT archived;
CREATE INDEX observed_bin_count_claimed ON observed_bin_count (archive_run) WHERE archive_run IS NOT NULL AND NOT archived;
CREATE INDEX custom_metric_claimed ON custom_metric (archive_run) WHERE archive_run IS NOT NULL AND NOT archived;

-- Expired rows across all entities: claiming (oldest first) and the archive-lag metric.
CREATE INDEX spc_drift_unarchived_time ON spc_drift (created_at) WHERE NOT archived;
CREATE INDEX observed_bin_count_unarchived_time ON observed_bin_count (created_at) WHERE NOT archived;
CREATE INDEX custom_metric_unarchived_time ON custom_metric (created_at) WHERE NOT archived;

-- Archived rows past retention: the deletion job.
CREATE INDEX spc_drift_archived_time ON spc_drift (created_at) WHERE archived;
CREATE INDEX observed_bin_count_archived_time ON observed_bin_count (created_at) WHERE archived;
CREATE INDEX custom_metric_archived_time ON custom_metric (created_at) WHERE archived;

-- One row per archive run of one table. A pass of the archiver makes one run per table with work.
CREATE TABLE archive_run (
    id              bigserial   PRIMARY KEY,
    pass_id         uuid        NOT NULL,
    table_name      text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('claimed', 'done', 'released', 'failed')),
    cutoff          timestamptz NOT NULL,
    rows            bigint      NOT NULL DEFAULT 0,
    files           integer     NOT NULL DEFAULT 0,
    bytes           bigint      NOT NULL DEFAULT 0,
    min_created_at  timestamptz,
    max_created_at  timestamptz,
    snapshot_id     bigint,
    started_at      timestamptz NOT NULL DEFAULT now(),
    finished_at     timestamptz,
    error           text
);
CREATE INDEX archive_run_pending ON archive_run (table_name, id) WHERE status = 'claimed';
CREATE INDEX archive_run_recent ON archive_run (started_at DESC);

-- The Iceberg snapshot readers must use with the hot rows that are not archived: a consistent cut.
CREATE TABLE archive_state (
    table_name   text        PRIMARY KEY,
    snapshot_id  bigint      NOT NULL,
    updated_at   timestamptz NOT NULL DEFAULT now()
);
