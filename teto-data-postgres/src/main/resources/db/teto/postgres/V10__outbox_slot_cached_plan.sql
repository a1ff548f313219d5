-- outbox_slot() (V5) becomes PL/pgSQL, with the same name, result and schema-qualified table.
--
-- Why: a LANGUAGE sql function that cannot be inlined (a column default is evaluated per row, not inlined into the
-- INSERT) plans its query on every call. Every outbox row paid that: pg_stat_statements with track_planning showed
-- `SELECT slot FROM outbox_ring WHERE is_current` planned on most of its calls, five times per test-taker in the
-- viral-peak benchmark. PL/pgSQL keeps the plan for the life of the connection. CREATE OR REPLACE keeps the
-- function's owner, grants and the column default that depends on it.
DO $$
BEGIN
    EXECUTE format('CREATE OR REPLACE FUNCTION %I.outbox_slot() RETURNS SMALLINT LANGUAGE plpgsql STABLE PARALLEL SAFE AS '
                   '$f$ BEGIN RETURN (SELECT slot FROM %I.outbox_ring WHERE is_current); END $f$',
                   current_schema(), current_schema());
END
$$;
