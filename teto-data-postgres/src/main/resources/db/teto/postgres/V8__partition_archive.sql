-- V8: the archive of old user_activities months (issue 12; docs/operations.md, "Partition upkeep and archival").
--
-- PostgresMaintenance detaches user_activities partitions older than the retention and moves their rows here, in
-- created_at order, then drops the detached partition. One plain table rather than a table per month: the archive is
-- read rarely and by time range (BRIN on created_at, tiny because rows arrive in time order) or by user (the export
-- and the erasure cascade: btree on user_id). Same columns as user_activities, so a UNION ALL reads both.
--
-- Idempotent (IF NOT EXISTS, policies dropped first): a schema adopted with baseline-version 7 may already hold it.
-- Flyway runs this with the target schema first in search_path: object names are not schema-qualified.

CREATE TABLE IF NOT EXISTS archived_user_activities (
    id            UUID NOT NULL,
    -- Erasing the user takes their archived rows with them, as it does their live ones.
    user_id       UUID REFERENCES users(id) ON DELETE CASCADE,
    activity_type VARCHAR(100) NOT NULL,
    activity_data JSONB,
    ip_address    INET,
    user_agent    TEXT,
    session_id    UUID,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT archived_user_activities_pkey PRIMARY KEY (id, created_at)
);

CREATE INDEX IF NOT EXISTS idx_archived_activities_created_at ON archived_user_activities USING brin (created_at);
CREATE INDEX IF NOT EXISTS idx_archived_activities_user_id ON archived_user_activities (user_id);

-- Row-level security as on user_activities (V7): a user's archived rows are theirs only.
ALTER TABLE archived_user_activities ENABLE ROW LEVEL SECURITY;
ALTER TABLE archived_user_activities FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS teto_owner ON archived_user_activities;
CREATE POLICY teto_owner ON archived_user_activities FOR ALL
    USING (user_id = (SELECT teto_actor_user_id()) OR (SELECT teto_actor_trusted()))
    WITH CHECK (user_id = (SELECT teto_actor_user_id()) OR (SELECT teto_actor_trusted()));

-- The SDK reads the archive (export); only the maintenance login (the owner) writes it. Erasure deletes through the
-- foreign key's cascade, which runs as the owner.
DO $$
BEGIN
    EXECUTE format('GRANT SELECT ON %I.archived_user_activities TO teto_app, teto_admin', current_schema());
END
$$;
