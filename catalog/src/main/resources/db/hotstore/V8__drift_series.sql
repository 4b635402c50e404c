-- Every series (entity and feature, or metric) ever stored hot, per drift table: the entity listing
-- (GET /scouter/entities) reads this small table instead of scanning the hot tables, whose indexes
-- cannot list the features of an entity. Kept by statement-level triggers: one DISTINCT over the
-- rows a statement actually inserted (a conflict skipped by ON CONFLICT is not in the transition
-- table), in key order so that concurrent ingestions take the series' index locks in one order.
CREATE TABLE drift_series (
    table_name  text NOT NULL,
    space       text NOT NULL,
    name        text NOT NULL,
    version     text NOT NULL,
    series      text NOT NULL,
    PRIMARY KEY (table_name, space, name, version, series)
);

CREATE FUNCTION note_drift_series() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'custom_metric' THEN
    INSERT INTO scouter.drift_series
      SELECT DISTINCT TG_TABLE_NAME, space, name, version, metric FROM inserted ORDER BY 2, 3, 4, 5
      ON CONFLICT DO NOTHING;
  ELSE
    INSERT INTO scouter.drift_series
      SELECT DISTINCT TG_TABLE_NAME, space, name, version, feature FROM inserted ORDER BY 2, 3, 4, 5
      ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER spc_drift_series AFTER INSERT ON spc_drift
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION note_drift_series();
CREATE TRIGGER observed_bin_count_series AFTER INSERT ON observed_bin_count
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION note_drift_series();
CREATE TRIGGER custom_metric_series AFTER INSERT ON custom_metric
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION note_drift_series();

-- The series already stored when this version is applied.
INSERT INTO drift_series SELECT DISTINCT 'spc_drift', space, name, version, feature FROM spc_drift;
INSERT INTO drift_series SELECT DISTINCT 'observed_bin_count', space, name, version, feature FROM observed_bin_count;
INSERT INTO drift_series SELECT DISTINCT 'custom_metric', space, name, version, metric FROM custom_metric;
