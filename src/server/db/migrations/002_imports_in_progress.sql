-- An import writes its rows batch by batch while it reads the file; they stay invisible until the
-- import commits (one row of this table changes), so a long import never holds a lock readers wait on.
ALTER TABLE imports ADD COLUMN status text NOT NULL DEFAULT 'committed'
  CHECK (status IN ('running', 'discarding', 'committed'));
ALTER TABLE imports ADD COLUMN bytes_total bigint;
ALTER TABLE imports ADD COLUMN bytes_read bigint NOT NULL DEFAULT 0;
ALTER TABLE imports ADD COLUMN rows_read integer NOT NULL DEFAULT 0;
ALTER TABLE imports ADD COLUMN bad_rows integer NOT NULL DEFAULT 0;
ALTER TABLE imports ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX imports_unfinished ON imports (status) WHERE status <> 'committed';
CREATE INDEX cost_lines_import ON cost_lines (import_id) WHERE import_id IS NOT NULL;
CREATE INDEX driver_quantities_import ON driver_quantities (import_id) WHERE import_id IS NOT NULL;
