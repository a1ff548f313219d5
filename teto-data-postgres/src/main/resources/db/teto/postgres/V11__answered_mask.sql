-- assessments.answered_mask: one bit per position of question_ids, set once that question has an answer.
--
-- Why: an answer returns the assessment's progress, whose current question is the first of the set with no answer.
-- That took a scan of the assessment's answers inside every answer's statement (up to 27 rows, each a heap visit for
-- rows too young for the visibility map): in a pgbench of the answer transaction alone, with nearly complete
-- assessments, 15-20% of its time. With the mask, the answer's UPDATE of questions_answered (which already holds
-- the row lock) also sets the answered question's bit, and the current question is the first 0 bit: no read of
-- answers at all.
--
-- NULL means "not known": rows from before V11, a new assessment before its first answer. answered_after() then
-- builds the mask once from the answers, as the scan did. A row without a recorded set (from before V4) takes the
-- version's active questions at the time of the call (docs/schema-deviations.md, "V4"): version_question_set(). Every statement that
-- writes answers maintains the mask (docs/schema-deviations.md, "V11"); the bits are set, never cleared, as
-- questions_answered only grows.
-- Idempotent (IF NOT EXISTS, OR REPLACE), so a schema adopted with a lower baseline-version that already has it
-- migrates, as V8 and V9.
ALTER TABLE assessments ADD COLUMN IF NOT EXISTS answered_mask VARBIT;

DO $$
BEGIN
    EXECUTE format($f$
        CREATE OR REPLACE FUNCTION %1$I.answered_after(p_mask VARBIT, p_assessment UUID, p_question_ids UUID[],
                                            p_answered UUID[]) RETURNS VARBIT LANGUAGE plpgsql STABLE AS $b$
        DECLARE
            mask VARBIT := p_mask;
            q UUID;
            pos INTEGER;
        BEGIN
            IF p_question_ids IS NULL OR cardinality(p_question_ids) = 0 THEN
                RETURN NULL;
            END IF;
            IF mask IS NULL OR length(mask) <> cardinality(p_question_ids) THEN
                SELECT string_agg(CASE WHEN s.q = ANY (done.ids) THEN '1' ELSE '0' END, '' ORDER BY s.n)::varbit
                INTO mask
                FROM unnest(p_question_ids) WITH ORDINALITY AS s(q, n),
                     (SELECT ARRAY(SELECT r.question_id FROM %1$I.answers r
                                   WHERE r.assessment_id = p_assessment) AS ids) AS done;
            END IF;
            FOREACH q IN ARRAY p_answered LOOP
                pos := array_position(p_question_ids, q);
                IF pos IS NOT NULL THEN
                    mask := set_bit(mask, pos - 1, 1);
                END IF;
            END LOOP;
            RETURN mask;
        END
        $b$ $f$, current_schema());
END
$$;

-- The set of a row from before V4 (question_ids NULL): the version's active questions, in the order
-- activeQuestionIds reads them. Callers write COALESCE(question_ids, version_question_set(version)), so rows
-- with a set never call it.
DO $$
BEGIN
    EXECUTE format($f$
        CREATE OR REPLACE FUNCTION %1$I.version_question_set(p_version VARCHAR) RETURNS UUID[] LANGUAGE sql STABLE AS $b$
            SELECT ARRAY(SELECT q.id FROM %1$I.questions q WHERE q.version = p_version AND q.is_active
                         ORDER BY q.order_index NULLS LAST, q.id)
        $b$ $f$, current_schema());
END
$$;
