-- V6: privacy (issue 11). Tables for users' wrapped data keys, the append-only audit log and erasure jobs, and
-- the users columns that now hold ciphertext. Roles, grants and row-level security are V7's.
-- Every change to a seed object is listed in docs/schema-deviations.md ("V6").
--
-- Encryption is core's: the adapter stores the strings it is given. A sealed field is
-- 'tenc1.' || base64url(nonce || ciphertext || tag), always longer than the plaintext, so every column that may
-- hold one is unbounded TEXT. A sealed email is 'bi1.' || <43-char blind index> || '.' || <sealed field>.
--
-- Flyway runs this with the target schema first in search_path: object names are deliberately NOT
-- schema-qualified.

-- ---------------------------------------------------------------------------
-- user_keys: one wrapped data key per user; it goes with the user's row (crypto-shredding on erasure)
-- ---------------------------------------------------------------------------
CREATE TABLE user_keys (
    user_id       UUID PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    master_key_id TEXT NOT NULL,
    wrapped       BYTEA NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- Rotation finds the keys still wrapped by an old master key.
CREATE INDEX idx_user_keys_master_key_id ON user_keys (master_key_id);

-- ---------------------------------------------------------------------------
-- audit_log: append-only, partitioned by UTC calendar month like user_activities
-- ---------------------------------------------------------------------------
CREATE TABLE audit_log (
    id          BIGINT GENERATED ALWAYS AS IDENTITY,
    at          TIMESTAMPTZ NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_ref  TEXT,
    fields      TEXT[] NOT NULL DEFAULT '{}',
    origin      TEXT,
    application TEXT DEFAULT current_setting('application_name', true),
    CONSTRAINT audit_log_pkey PRIMARY KEY (id, at)
) PARTITION BY RANGE (at);

CREATE INDEX idx_audit_log_at ON audit_log (at);
CREATE INDEX idx_audit_log_entity_ref ON audit_log (entity_ref) WHERE entity_ref IS NOT NULL;

CREATE TABLE audit_log_default PARTITION OF audit_log DEFAULT;

-- Belt and braces behind V7's grants: even a role that may UPDATE or DELETE (the owner, a superuser) gets an
-- error. Old months go by dropping their partition, which this does not block.
CREATE FUNCTION audit_log_append_only()
RETURNS trigger
LANGUAGE plpgsql
AS $fn$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$fn$;

-- Row triggers on a partitioned table are cloned to every partition, present and future.
CREATE TRIGGER trg_audit_log_append_only
    BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER trg_audit_log_no_truncate
    BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- ensure_audit_log_partitions(months_ahead): V2's ensure_user_activity_partitions for audit_log (partitions
-- audit_log_pYYYYMM, UTC months, current month through current + months_ahead, existing ones skipped, the
-- parent locked only when one is missing). One difference: when the default partition already holds rows of a
-- month being created, moving them out is a DELETE, which the append-only trigger refuses; the function
-- disables that trigger on the default partition for the move and re-enables it, inside the caller's
-- transaction and under the ACCESS EXCLUSIVE lock, so no other session ever sees it disabled. Only the table's
-- owner can run it (as for creating partitions at all), and the owner could disable the trigger anyway.
CREATE FUNCTION ensure_audit_log_partitions(months_ahead integer)
RETURNS integer
LANGUAGE plpgsql
SET search_path FROM CURRENT
AS $fn$
DECLARE
    parent_nsp   name;
    default_name name;
    first_month  timestamptz;
    lo           timestamptz;
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

    SELECT n.nspname INTO parent_nsp
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.oid = 'audit_log'::regclass;
    SELECT c.relname INTO default_name
      FROM pg_partitioned_table pt JOIN pg_class c ON c.oid = pt.partdefid
     WHERE pt.partrelid = 'audit_log'::regclass;

    first_month := date_trunc('month', now(), 'UTC');

    FOR i IN 0 .. months_ahead LOOP
        lo := (first_month AT TIME ZONE 'UTC' + make_interval(months => i)) AT TIME ZONE 'UTC';
        lo_txt := to_char(lo AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') || '+00:00';
        hi_txt := to_char((lo AT TIME ZONE 'UTC' + make_interval(months => 1)), 'YYYY-MM-DD"T"HH24:MI:SS') || '+00:00';
        part_name := 'audit_log_p' || to_char(lo AT TIME ZONE 'UTC', 'YYYYMM');

        IF to_regclass(format('%I.%I', parent_nsp, part_name)) IS NOT NULL THEN
            CONTINUE;
        END IF;
        IF NOT locked THEN
            EXECUTE format('LOCK TABLE %I.audit_log IN ACCESS EXCLUSIVE MODE', parent_nsp);
            locked := true;
            IF to_regclass(format('%I.%I', parent_nsp, part_name)) IS NOT NULL THEN
                CONTINUE;
            END IF;
        END IF;

        has_rows := false;
        IF default_name IS NOT NULL THEN
            EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I.%I WHERE at >= %L AND at < %L)',
                           parent_nsp, default_name, lo_txt, hi_txt)
              INTO has_rows;
        END IF;

        IF NOT has_rows THEN
            EXECUTE format('CREATE TABLE %I.%I PARTITION OF %I.audit_log FOR VALUES FROM (%L) TO (%L)',
                           parent_nsp, part_name, parent_nsp, lo_txt, hi_txt);
        ELSE
            EXECUTE format('CREATE TABLE %I.%I (LIKE %I.audit_log INCLUDING DEFAULTS)', parent_nsp, part_name, parent_nsp);
            EXECUTE format('ALTER TABLE %I.%I DISABLE TRIGGER trg_audit_log_append_only', parent_nsp, default_name);
            EXECUTE format('WITH moved AS (DELETE FROM %I.%I WHERE at >= %L AND at < %L RETURNING *) '
                           || 'INSERT INTO %I.%I SELECT * FROM moved',
                           parent_nsp, default_name, lo_txt, hi_txt, parent_nsp, part_name);
            EXECUTE format('ALTER TABLE %I.%I ENABLE TRIGGER trg_audit_log_append_only', parent_nsp, default_name);
            EXECUTE format('ALTER TABLE %I.audit_log ATTACH PARTITION %I.%I FOR VALUES FROM (%L) TO (%L)',
                           parent_nsp, parent_nsp, part_name, lo_txt, hi_txt);
        END IF;
        created := created + 1;
    END LOOP;

    RETURN created;
END;
$fn$;

SELECT ensure_audit_log_partitions(3);

-- ---------------------------------------------------------------------------
-- erasure_jobs: the receipt of each erasure, kept after the user is gone
-- ---------------------------------------------------------------------------
CREATE TABLE erasure_jobs (
    subject      TEXT PRIMARY KEY,      -- keyed hash of the user id: names the user only to who holds the key
    user_id      UUID,                  -- no FK: the user row is deleted while the job lives; NULL once complete
    requested_at TIMESTAMPTZ NOT NULL,
    completed_at TIMESTAMPTZ,
    stores       JSONB NOT NULL         -- [{store, state, removed, anonymised, at, detail}, ...]
);
CREATE INDEX idx_erasure_jobs_pending ON erasure_jobs (requested_at) WHERE completed_at IS NULL;

-- ---------------------------------------------------------------------------
-- users: email and name hold ciphertext
-- ---------------------------------------------------------------------------
-- The sealed email is randomised (a fresh nonce each time), so uniqueness and look-ups move to the blind index,
-- the second dot-separated part of 'bi1.<index>.tenc1.<...>'. A plaintext email (rows written before core
-- sealed them, and tests that write rows by hand) keeps V3's rule: its index is lower(email).
ALTER TABLE users DROP CONSTRAINT users_email_key;
ALTER TABLE users DROP CONSTRAINT chk_email_format;
DROP INDEX uq_users_email_lower;
DROP INDEX idx_users_email;
ALTER TABLE users ALTER COLUMN email TYPE TEXT;
ALTER TABLE users ALTER COLUMN name TYPE TEXT;
ALTER TABLE users ADD COLUMN email_index TEXT GENERATED ALWAYS AS (
    CASE WHEN email LIKE 'bi1.%' THEN split_part(email, '.', 2) ELSE lower(email) END) STORED;
-- Named as the seed's UNIQUE(email) was, so a duplicate still reports the field "email" (SqlErrors).
CREATE UNIQUE INDEX users_email_key ON users (email_index);
