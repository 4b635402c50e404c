-- The span of created_at in each table's archive, kept on its archive_state row by the run that
-- moves the watermark (least/greatest of the old span and the run's rows). Readers used to
-- aggregate every finished archive_run for it, a cost that grew with every hourly run, forever;
-- one row per table does not grow.
ALTER TABLE archive_state ADD COLUMN min_created_at timestamptz;
ALTER TABLE archive_state ADD COLUMN max_created_at timestamptz;
UPDATE archive_state s SET
    min_created_at = (SELECT min(r.min_created_at) FROM archive_run r
                      WHERE r.table_name = s.table_name AND r.status = 'done'),
    max_created_at = (SELECT max(r.max_created_at) FROM archive_run r
                      WHERE r.table_name = s.table_name AND r.status = 'done');
