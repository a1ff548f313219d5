-- V7: roles, the signed acting user, and fail-closed row-level security (issue 11; docs/privacy.md,
-- "PostgreSQL roles and RLS").
--
-- The migration user needs CREATEROLE the first time this runs on a server (roles are cluster-wide; later schemas
-- find them and skip CREATE ROLE). Nothing else here needs more than owning the schema's tables. No role gets
-- LOGIN: the host creates its login roles and grants them one of these.
--
-- Flyway runs this with the target schema first in search_path: object names are not schema-qualified, and
-- current_schema() is the target schema.

-- ===========================================================================
-- Roles (idempotent; two schemas migrating at once may race on CREATE ROLE, hence the exception handlers)
-- ===========================================================================
DO $$
DECLARE
    r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['teto_app', 'teto_analytics', 'teto_admin'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', r);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL;   -- created meanwhile by another schema's migration
            END;
        END IF;
    END LOOP;
    -- The migration user keeps seeing every row in its own later (data) migrations: FORCE below applies to owners.
    IF NOT pg_has_role(current_user, 'teto_admin', 'MEMBER') THEN
        BEGIN
            EXECUTE format('GRANT teto_admin TO %I', current_user);
        EXCEPTION WHEN insufficient_privilege THEN
            RAISE NOTICE 'could not grant teto_admin to the migration user; later data migrations see no user rows';
        END;
    END IF;
END
$$;

-- ===========================================================================
-- The actor key: HMAC-SHA256's inner and outer padded key blocks, so the built-in sha256() verifies a signature
-- without pgcrypto. Private: no grant to any teto_ role. The SDK replaces the key at start-up when configured.
-- ===========================================================================
CREATE TABLE teto_actor_key (
    id           SMALLINT PRIMARY KEY CHECK (id = 1),
    ipad         BYTEA NOT NULL CHECK (length(ipad) = 64),
    opad         BYTEA NOT NULL CHECK (length(opad) = 64),
    installed_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
);

DO $$
DECLARE
    -- 32 bytes from two random UUIDs (244 random bits): no pgcrypto needed.
    k bytea := decode(replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', ''), 'hex')
               || decode(repeat('00', 32), 'hex');
    i bytea := k;
    o bytea := k;
    n int;
BEGIN
    FOR n IN 0 .. 63 LOOP
        i := set_byte(i, n, get_byte(k, n) # 54);   -- 0x36
        o := set_byte(o, n, get_byte(k, n) # 92);   -- 0x5c
    END LOOP;
    INSERT INTO teto_actor_key (id, ipad, opad) VALUES (1, i, o);
END
$$;

-- True when app.actor_sig is HMAC-SHA256(key, app.actor || '|' || app.user_id || '|' || app.role), base64.
-- PL/pgSQL, not SQL: a non-inlinable SQL function is planned again in every statement that calls it, where PL/pgSQL
-- keeps its plan for the session (RlsCostBenchmark measured the difference). Not SECURITY DEFINER and not granted:
-- only the definer functions below call it, running as the owner with their fixed search_path.
CREATE FUNCTION teto_actor_signature_ok() RETURNS boolean
LANGUAGE plpgsql STABLE
AS $fn$
DECLARE
    sig text := current_setting('app.actor_sig', true);
    ok  boolean;
BEGIN
    IF sig IS NULL OR sig = '' THEN
        RETURN false;   -- a raw connection: no hashing at all
    END IF;
    SELECT encode(sha256(k.opad || sha256(k.ipad || convert_to(
               coalesce(current_setting('app.actor', true), '') || '|'
               || coalesce(current_setting('app.user_id', true), '') || '|'
               || coalesce(current_setting('app.role', true), ''), 'UTF8'))), 'base64') = sig
      INTO ok
      FROM teto_actor_key k WHERE k.id = 1;
    RETURN coalesce(ok, false);
END
$fn$;

-- The same, callable by anyone: build() uses it to check that the runtime signs with the installed key.
CREATE FUNCTION teto_actor_verified() RETURNS boolean
LANGUAGE plpgsql STABLE
AS $fn$
BEGIN
    RETURN teto_actor_signature_ok();
END
$fn$;

-- The user the transaction acts for; NULL unless the context is signed and the actor is a user.
CREATE FUNCTION teto_actor_user_id() RETURNS uuid
LANGUAGE plpgsql STABLE
AS $fn$
BEGIN
    IF coalesce(current_setting('app.actor', true), '') LIKE 'user:%' AND teto_actor_signature_ok() THEN
        RETURN nullif(current_setting('app.user_id', true), '')::uuid;
    END IF;
    RETURN NULL;
END
$fn$;

-- Sees every row: a signed service actor (the SDK itself, a host's job), a signed user actor with an admin role, or a
-- session whose login role is a member of teto_admin. session_user, not current_user: inside SECURITY DEFINER the
-- current user is the function's owner.
CREATE FUNCTION teto_actor_trusted() RETURNS boolean
LANGUAGE plpgsql STABLE
AS $fn$
DECLARE
    actor text := coalesce(current_setting('app.actor', true), '');
BEGIN
    IF (actor LIKE 'service:%' OR (actor LIKE 'user:%'
            AND current_setting('app.role', true) IN ('admin', 'super_admin')))
       AND teto_actor_signature_ok() THEN
        RETURN true;
    END IF;
    RETURN pg_has_role(session_user, 'teto_admin', 'MEMBER');
END
$fn$;

-- Fixed search_path on every SECURITY DEFINER function: the schema, then pg_temp last, so a caller's temporary
-- objects cannot shadow ours. Partition creation runs as the owner, so teto_app (which owns nothing) can call it.
DO $$
DECLARE
    s text := current_schema();
    f text;
BEGIN
    FOREACH f IN ARRAY ARRAY['teto_actor_verified()', 'teto_actor_user_id()', 'teto_actor_trusted()',
                             'ensure_user_activity_partitions(integer)'] LOOP
        EXECUTE format('ALTER FUNCTION %I.%s SECURITY DEFINER SET search_path = %I, pg_temp', s, f, s);
    END LOOP;
    -- The helper reads the key as its caller: only the definer functions above (running as the owner) can use it.
    EXECUTE format('REVOKE EXECUTE ON FUNCTION %I.teto_actor_signature_ok() FROM PUBLIC', s);
    -- H2's audit_log partition function, when V6 created one.
    FOR f IN SELECT p.oid::regprocedure::text FROM pg_proc p
              WHERE p.pronamespace = s::regnamespace AND p.proname LIKE 'ensure_audit_log_partition%' LOOP
        EXECUTE format('ALTER FUNCTION %s SECURITY DEFINER SET search_path = %I, pg_temp', f, s);
        EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', f);
    END LOOP;
END
$$;

-- ===========================================================================
-- Grants
-- ===========================================================================
DO $$
DECLARE
    s text := current_schema();
    t text;
BEGIN
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO teto_app, teto_analytics, teto_admin', s);

    -- teto_app: the SDK's runtime role. Every table, then the exceptions below.
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO teto_app', s);
    EXECUTE format('GRANT USAGE ON ALL SEQUENCES IN SCHEMA %I TO teto_app', s);
    EXECUTE format('GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA %I TO teto_app', s);
    EXECUTE format('REVOKE ALL ON %I.teto_actor_key FROM teto_app', s);
    EXECUTE format('REVOKE EXECUTE ON FUNCTION %I.teto_actor_signature_ok() FROM teto_app', s);
    -- Flyway's history: read only, so a runtime with run-migrations on can see the schema is current.
    EXECUTE format('REVOKE INSERT, UPDATE, DELETE ON %I.teto_schema_history FROM teto_app', s);
    -- The relay empties published outbox slots with TRUNCATE (V5).
    FOR t IN SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
              WHERE i.inhparent = format('%I.outbox', s)::regclass LOOP
        EXECUTE format('GRANT TRUNCATE ON %I.%I TO teto_app', s, t);
    END LOOP;
    -- A partition read directly skips its parent's policies: user-owned rows are reachable through parents only.
    FOR t IN SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
              WHERE i.inhparent IN (SELECT to_regclass(format('%I.%I', s, p))
                                      FROM unnest(ARRAY['user_activities', 'audit_log', 'user_keys']) AS p) LOOP
        EXECUTE format('REVOKE ALL ON %I.%I FROM teto_app', s, t);
    END LOOP;
    -- A partition-creating SECURITY DEFINER function is for the SDK's role only.
    EXECUTE format('REVOKE EXECUTE ON FUNCTION %I.ensure_user_activity_partitions(integer) FROM PUBLIC', s);

    -- audit_log (V6): the SDK only appends (it never reads the log back); the admin role reads it.
    IF to_regclass(format('%I.audit_log', s)) IS NOT NULL THEN
        EXECUTE format('REVOKE SELECT, UPDATE, DELETE, TRUNCATE ON %I.audit_log FROM teto_app', s);
        EXECUTE format('GRANT SELECT ON %I.audit_log TO teto_admin', s);
    END IF;
    -- erasure_jobs (V6): the proof of an erasure; the SDK opens and updates jobs, nobody deletes one.
    IF to_regclass(format('%I.erasure_jobs', s)) IS NOT NULL THEN
        EXECUTE format('REVOKE DELETE, TRUNCATE ON %I.erasure_jobs FROM teto_app', s);
    END IF;

    -- teto_admin: reads every table (all rows, through the policies' teto_actor_trusted()), changes nothing.
    EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA %I TO teto_admin', s);
    EXECUTE format('REVOKE ALL ON %I.teto_actor_key FROM teto_admin', s);

    -- teto_analytics: no PII. Questions and metrics whole; of profiles only the type columns (no user_id, no
    -- free text); of assessment_analytics everything but user_feedback (free text a user typed).
    EXECUTE format('GRANT SELECT ON %I.questions, %I.system_metrics TO teto_analytics', s, s);
    EXECUTE format('GRANT SELECT (id, personality_type, type_name, created_at) ON %I.profiles TO teto_analytics', s);
    EXECUTE format('GRANT SELECT (id, assessment_id, completion_rate, average_time_per_question, question_difficulty, '
                   'created_at, updated_at) ON %I.assessment_analytics TO teto_analytics', s);
END
$$;

-- ===========================================================================
-- Policies: ENABLE + FORCE (owners too) on every user-owned table. The functions sit in scalar sub-selects so
-- they run once per statement (an InitPlan), not once per row.
-- ===========================================================================
DO $$
DECLARE
    s text := current_schema();
    owned text[][] := ARRAY[
        ['users', 'id'], ['user_sessions', 'user_id'], ['assessments', 'user_id'], ['answers', 'user_id'],
        ['profiles', 'user_id'], ['user_preferences', 'user_id'], ['subscriptions', 'user_id'],
        ['organization_members', 'user_id'], ['user_activities', 'user_id'], ['user_keys', 'user_id']];
    n int;
    expr text;
BEGIN
    FOR n IN 1 .. array_length(owned, 1) LOOP
        CONTINUE WHEN to_regclass(format('%I.%I', s, owned[n][1])) IS NULL;   -- user_keys comes with V6
        expr := format('%I = (SELECT teto_actor_user_id()) OR (SELECT teto_actor_trusted())', owned[n][2]);
        EXECUTE format('ALTER TABLE %I.%I ENABLE ROW LEVEL SECURITY', s, owned[n][1]);
        EXECUTE format('ALTER TABLE %I.%I FORCE ROW LEVEL SECURITY', s, owned[n][1]);
        EXECUTE format('CREATE POLICY teto_owner ON %I.%I FOR ALL USING (%s) WITH CHECK (%s)',
                       s, owned[n][1], expr, expr);
    END LOOP;

    expr := 'assessment_id IN (SELECT id FROM assessments WHERE user_id = (SELECT teto_actor_user_id())) '
            || 'OR (SELECT teto_actor_trusted())';
    EXECUTE format('ALTER TABLE %I.assessment_analytics ENABLE ROW LEVEL SECURITY', s);
    EXECUTE format('ALTER TABLE %I.assessment_analytics FORCE ROW LEVEL SECURITY', s);
    EXECUTE format('CREATE POLICY teto_owner ON %I.assessment_analytics FOR ALL USING (%s) WITH CHECK (%s)',
                   s, expr, expr);

    -- The analytics role reads the columns granted above, every row: no user can be told apart from them.
    EXECUTE format('CREATE POLICY teto_analytics_read ON %I.profiles FOR SELECT TO teto_analytics USING (true)', s);
    EXECUTE format('CREATE POLICY teto_analytics_read ON %I.assessment_analytics FOR SELECT TO teto_analytics '
                   'USING (true)', s);

    -- Every policy column is indexed already (V1-V3: id keys, idx_*_user_id, idx_analytics_assessment_id) except,
    -- possibly, user_keys(user_id).
    IF to_regclass(format('%I.user_keys', s)) IS NOT NULL AND NOT EXISTS (
            SELECT 1 FROM pg_index x JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = x.indkey[0]
             WHERE x.indrelid = format('%I.user_keys', s)::regclass AND a.attname = 'user_id') THEN
        EXECUTE format('CREATE INDEX idx_user_keys_user_id ON %I.user_keys (user_id)', s);
    END IF;
END
$$;
