-- One row per table per maintenance pass (README, "Maintenance"): the table's shape before and after,
-- each step's duration, counts and error. A row left 'running' belongs to a pass that died; the next
-- pass on that table marks it 'interrupted'.
CREATE TABLE maintenance_run (
    id                     bigserial   PRIMARY KEY,
    pass_id                uuid        NOT NULL,
    table_name             text        NOT NULL,
    status                 text        NOT NULL CHECK (status IN ('running', 'done', 'failed', 'interrupted')),
    started_at             timestamptz NOT NULL DEFAULT now(),
    finished_at            timestamptz,
    data_files_before      bigint,
    data_files_after       bigint,
    bytes_before           bigint,
    bytes_after            bigint,
    snapshots_before       bigint,
    snapshots_after        bigint,
    manifests_before       bigint,
    manifests_after        bigint,
    metadata_files_before  bigint,
    metadata_files_after   bigint,
    steps                  jsonb       NOT NULL DEFAULT '[]',
    error                  text
);
CREATE INDEX maintenance_run_recent ON maintenance_run (id DESC);
CREATE INDEX maintenance_run_running ON maintenance_run (table_name) WHERE status = 'running';
