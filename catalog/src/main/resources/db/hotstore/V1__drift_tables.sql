-- The hot store: drift records as the monitoring server writes them, kept until archived and expired.
--
-- Plain tables, not native declarative partitioning: records with timestamps months back are accepted,
-- so day partitions would have to be created on demand (or fall into a DEFAULT partition that defeats
-- pruning), and retention deletes only rows that are archived, so dropping whole day partitions would
-- not be the common path anyway. The README explains the choice.

CREATE TABLE spc_drift (
    created_at  timestamptz      NOT NULL,
    space       text             NOT NULL,
    name        text             NOT NULL,
    version     text             NOT NULL,
    feature     text             NOT NULL,
    value       double precision NOT NULL,
    archived    boolean          NOT NULL DEFAULT false,
    updated_at  timestamptz      NOT NULL DEFAULT now(),
    CONSTRAINT spc_drift_record_key UNIQUE (created_at, name, space, feature, value, version)
);

CREATE TABLE observed_bin_count (
    created_at  timestamptz NOT NULL,
    space       text        NOT NULL,
    name        text        NOT NULL,
    version     text        NOT NULL,
    feature     text        NOT NULL,
    bin_id      integer     NOT NULL,
    bin_count   integer     NOT NULL,
    archived    boolean     NOT NULL DEFAULT false,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT observed_bin_count_record_key UNIQUE (created_at, name, space, version, feature, bin_id)
);

-- The original's key forgets the metric, so two metrics at one timestamp collide; this one does not.
CREATE TABLE custom_metric (
    created_at  timestamptz      NOT NULL,
    space       text             NOT NULL,
    name        text             NOT NULL,
    version     text             NOT NULL,
    metric      text             NOT NULL,
    value       double precision NOT NULL,
    archived    boolean          NOT NULL DEFAULT false,
    updated_at  timestamptz      NOT NULL DEFAULT now(),
    CONSTRAINT custom_metric_record_key UNIQUE (created_at, name, space, version, metric)
);

-- "Rows of an entity in a time window": the binned-metric routes.
CREATE INDEX spc_drift_entity_time ON spc_drift (space, name, version, created_at);
CREATE INDEX observed_bin_count_entity_time ON observed_bin_count (space, name, version, created_at);
CREATE INDEX custom_metric_entity_time ON custom_metric (space, name, version, created_at);

-- "Unarchived rows of an entity older than T": the archiver. Partial, so it stays as small as the backlog.
CREATE INDEX spc_drift_unarchived ON spc_drift (space, name, version, created_at) WHERE NOT archived;
CREATE INDEX observed_bin_count_unarchived ON observed_bin_count (space, name, version, created_at) WHERE NOT archived;
CREATE INDEX custom_metric_unarchived ON custom_metric (space, name, version, created_at) WHERE NOT archived;
