-- version_question_set() (V11) becomes PL/pgSQL, with the same name, arguments, result and schema-qualified table.
--
-- Why: as outbox_slot() in V10. A LANGUAGE sql function whose body is not a plain SELECT expression cannot be
-- inlined and plans its query on every call. start() reads a new assessment's set through it: 1,200 plans per
-- 1,200 test-takers in the viral-peak benchmark, and 0.27 ms per call against 0.02 ms for the same query sent
-- directly. PL/pgSQL keeps the plan for the life of the connection. CREATE OR REPLACE keeps owner and grants.
DO $$
BEGIN
    EXECUTE format($f$
        CREATE OR REPLACE FUNCTION %1$I.version_question_set(p_version VARCHAR) RETURNS UUID[] LANGUAGE plpgsql STABLE AS $b$
        BEGIN
            RETURN ARRAY(SELECT q.id FROM %1$I.questions q WHERE q.version = p_version AND q.is_active
                         ORDER BY q.order_index NULLS LAST, q.id);
        END
        $b$ $f$, current_schema());
END
$$;
