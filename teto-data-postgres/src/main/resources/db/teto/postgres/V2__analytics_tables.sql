-- V2: analytics tables of the Teto-Egen PostgreSQL schema.
--
-- Source: design doc "Teto-Egen Database Schema Design v1.0", section
-- "PostgreSQL Schema (Relational Data)" / "Analytics Tables", plus its
-- "Performance Optimization / Partitioning" rule "user_activities partitioned by month".
--
-- assessment_analytics and system_metrics are the seed's statements unchanged.
-- user_activities deviates (see docs/schema-deviations.md):
--   * PARTITION BY RANGE (created_at), one partition per UTC calendar month, named
--     user_activities_pYYYYMM, plus the catch-all partition user_activities_default;
--   * PRIMARY KEY (id, created_at) instead of PRIMARY KEY (id), because a primary key
--     on a partitioned table must contain the partition key; created_at is therefore
--     NOT NULL (its DEFAULT CURRENT_TIMESTAMP is kept).
--
-- Flyway runs this with the target schema first in search_path: object names are
-- deliberately NOT schema-qualified.

-- ---------------------------------------------------------------------------
-- user_activities (partitioned by month)
-- ---------------------------------------------------------------------------
CREATE TABLE user_activities (
    id UUID DEFAULT gen_random_uuid(),
    user_id UUID REFERENCES users(id) ON DELETE CASCADE,
    activity_type VARCHAR(100) NOT NULL,
    activity_data JSONB,
    ip_address INET,
    user_agent TEXT,
    session_id UUID,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT user_activities_pkey PRIMARY KEY (id, created_at)
) PARTITION BY RANGE (created_at);

-- Indexes (created on the parent: PostgreSQL creates the matching index on every
-- existing and future partition automatically)
CREATE INDEX idx_activities_user_id ON user_activities(user_id);
CREATE INDEX idx_activities_type ON user_activities(activity_type);
CREATE INDEX idx_activities_created_at ON user_activities(created_at);
CREATE INDEX idx_activities_session_id ON user_activities(session_id);

-- Catch-all partition for rows outside every monthly partition (should stay empty as
-- long as ensure_user_activity_partitions() is run ahead of time).
CREATE TABLE user_activities_default PARTITION OF user_activities DEFAULT;

-- ensure_user_activity_partitions(months_ahead):
-- creates the monthly partitions user_activities_pYYYYMM for the current month through
-- current month + months_ahead. Months are UTC calendar months, independent of the
-- session's TimeZone setting, so two callers in different time zones can never compute
-- overlapping bounds: partition pYYYYMM holds
--   [YYYY-MM-01 00:00:00+00, first day of next month 00:00:00+00).
-- Partitions that already exist (by name, in the parent's schema) are skipped.
-- Returns the number of partitions created.
--
-- Robustness: if the default partition already holds rows that fall into a month being
-- created (e.g. the job was late), a plain CREATE TABLE .. PARTITION OF would fail.
-- In that case the function creates the new table standalone, moves those rows out of
-- the default partition into it and then ATTACHes it, all in the caller's transaction.
-- The parent table is locked ACCESS EXCLUSIVE (what CREATE .. PARTITION OF needs anyway)
-- only when at least one partition is missing, so concurrent callers serialise and a
-- no-op call takes no strong lock.
--
-- The partitions are created in the schema of the parent table, which is resolved from
-- 'user_activities'::regclass. SET search_path FROM CURRENT pins the function's
-- search_path to the one in effect when the migration ran (the target schema), so the
-- function also works when called schema-qualified from a session whose search_path
-- does not contain that schema.
CREATE FUNCTION ensure_user_activity_partitions(months_ahead integer)
RETURNS integer
LANGUAGE plpgsql
SET search_path FROM CURRENT
AS $fn$
DECLARE
    parent_oid   oid;
    parent_nsp   name;
    parent_name  name;
    default_oid  oid;
    default_nsp  name;
    default_name name;
    first_month  timestamptz;
    lo           timestamptz;
    hi           timestamptz;
    lo_txt       text;
    hi_txt       text;
    part_name    text;
    locked       boolean := false;
    has_rows     boolean;
    created      integer := 0;
    i            integer;
BEGIN
    IF months_ahead IS NULL OR months_ahead < 0 THEN
        RAISE EXCEPTION 'months_ahead must be >= 0, got %', months_ahead
            USING ERRCODE = 'invalid_parameter_value';
    END IF;

    SELECT c.oid, n.nspname, c.relname
      INTO parent_oid, parent_nsp, parent_name
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.oid = 'user_activities'::regclass;

    first_month := date_trunc('month', now(), 'UTC');

    FOR i IN 0 .. months_ahead LOOP
        lo := (first_month AT TIME ZONE 'UTC' + make_interval(months => i)) AT TIME ZONE 'UTC';
        hi := (first_month AT TIME ZONE 'UTC' + make_interval(months => i + 1)) AT TIME ZONE 'UTC';
        -- bounds as unambiguous ISO-8601 UTC literals, whatever DateStyle/TimeZone is set
        lo_txt := to_char(lo AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') || '+00:00';
        hi_txt := to_char(hi AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') || '+00:00';
        part_name := parent_name || '_p' || to_char(lo AT TIME ZONE 'UTC', 'YYYYMM');

        IF to_regclass(format('%I.%I', parent_nsp, part_name)) IS NOT NULL THEN
            CONTINUE;
        END IF;

        IF NOT locked THEN
            EXECUTE format('LOCK TABLE %I.%I IN ACCESS EXCLUSIVE MODE', parent_nsp, parent_name);
            locked := true;
            -- another caller may have created it while we waited for the lock
            IF to_regclass(format('%I.%I', parent_nsp, part_name)) IS NOT NULL THEN
                CONTINUE;
            END IF;
        END IF;

        SELECT pt.partdefid INTO default_oid
          FROM pg_partitioned_table pt
         WHERE pt.partrelid = parent_oid;

        has_rows := false;
        IF default_oid IS NOT NULL AND default_oid <> 0 THEN
            SELECT n.nspname, c.relname
              INTO default_nsp, default_name
              FROM pg_class c
              JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE c.oid = default_oid;
            EXECUTE format(
                'SELECT EXISTS (SELECT 1 FROM %I.%I WHERE created_at >= %L AND created_at < %L)',
                default_nsp, default_name, lo_txt, hi_txt)
              INTO has_rows;
        END IF;

        IF NOT has_rows THEN
            EXECUTE format(
                'CREATE TABLE %I.%I PARTITION OF %I.%I FOR VALUES FROM (%L) TO (%L)',
                parent_nsp, part_name, parent_nsp, parent_name, lo_txt, hi_txt);
        ELSE
            -- default partition holds rows of this month: create standalone, move the
            -- rows, then attach (attach validates that the default no longer has any).
            EXECUTE format(
                'CREATE TABLE %I.%I (LIKE %I.%I INCLUDING DEFAULTS)',
                parent_nsp, part_name, parent_nsp, parent_name);
            EXECUTE format(
                'WITH moved AS (DELETE FROM %I.%I WHERE created_at >= %L AND created_at < %L RETURNING *) '
                || 'INSERT INTO %I.%I SELECT * FROM moved',
                default_nsp, default_name, lo_txt, hi_txt, parent_nsp, part_name);
            EXECUTE format(
                'ALTER TABLE %I.%I ATTACH PARTITION %I.%I FOR VALUES FROM (%L) TO (%L)',
                parent_nsp, parent_name, parent_nsp, part_name, lo_txt, hi_txt);
        END IF;

        created := created + 1;
    END LOOP;

    RETURN created;
END;
$fn$;

SELECT ensure_user_activity_partitions(3);

-- ---------------------------------------------------------------------------
-- assessment_analytics
-- ---------------------------------------------------------------------------
CREATE TABLE assessment_analytics (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    assessment_id UUID REFERENCES assessments(id) ON DELETE CASCADE,
    completion_rate DECIMAL(5,2),
    average_time_per_question DECIMAL(10,2),
    question_difficulty JSONB,
    user_feedback JSONB,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP
);

-- Indexes
CREATE INDEX idx_analytics_assessment_id ON assessment_analytics(assessment_id);
CREATE INDEX idx_analytics_created_at ON assessment_analytics(created_at);

-- ---------------------------------------------------------------------------
-- system_metrics
-- ---------------------------------------------------------------------------
CREATE TABLE system_metrics (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    metric_name VARCHAR(100) NOT NULL,
    metric_value DECIMAL(15,4),
    dimension JSONB,
    recorded_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP
);

-- Indexes
CREATE INDEX idx_metrics_name ON system_metrics(metric_name);
CREATE INDEX idx_metrics_recorded_at ON system_metrics(recorded_at);
CREATE INDEX idx_metrics_dimension_gin ON system_metrics USING GIN(dimension);
