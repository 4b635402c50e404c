-- Drift profiles registered by clients (POST /scouter/profile): one per entity and drift type,
-- replaced when registered again. The PSI route reads its reference proportions from here.
CREATE TABLE drift_profile (
    space       text        NOT NULL,
    name        text        NOT NULL,
    version     text        NOT NULL,
    drift_type  text        NOT NULL,
    profile     jsonb       NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (space, name, version, drift_type)
);

-- The span of created_at that finished runs moved into the archive: readers skip the Iceberg scan
-- for windows outside it (min and max over the done runs of a table, read with each query).
CREATE INDEX archive_run_done_oldest ON archive_run (table_name, min_created_at) WHERE status = 'done';
CREATE INDEX archive_run_done_newest ON archive_run (table_name, max_created_at) WHERE status = 'done';
