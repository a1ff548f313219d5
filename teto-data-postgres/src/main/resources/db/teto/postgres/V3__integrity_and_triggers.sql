-- V3: integrity rules, extra indexes and updated_at triggers added on top of the seed
-- schema ("Teto-Egen Database Schema Design v1.0"). Nothing here removes or renames
-- anything from V1/V2. Every object below is a deliberate deviation from (addition to)
-- the seed and is listed, with its reason, in docs/schema-deviations.md.
--
-- Flyway runs this with the target schema first in search_path: object names are
-- deliberately NOT schema-qualified.

-- ===========================================================================
-- Uniqueness
-- ===========================================================================

-- Case-insensitive e-mail uniqueness (the seed's UNIQUE(email) is case-sensitive, so
-- 'Foo@x.com' and 'foo@x.com' could both register). Seed UNIQUE + idx_users_email kept.
CREATE UNIQUE INDEX uq_users_email_lower ON users (lower(email));

-- An answer is stored once per (assessment, question); re-answering replaces it.
-- The seed's non-unique idx_answers_assessment_question is kept.
ALTER TABLE answers ADD CONSTRAINT uq_answers_assessment_question
    UNIQUE (assessment_id, question_id);

-- Relationship diagram: assessments -> profiles (1:1).
ALTER TABLE profiles ADD CONSTRAINT uq_profiles_assessment
    UNIQUE (assessment_id);

-- Relationship diagram: assessments -> assessment_analytics (1:1).
ALTER TABLE assessment_analytics ADD CONSTRAINT uq_assessment_analytics_assessment
    UNIQUE (assessment_id);

-- ===========================================================================
-- CHECK constraints (second line of defence behind the Java validation).
-- A CHECK whose expression is NULL passes, so nullable columns still accept NULL.
-- ===========================================================================

ALTER TABLE users ADD CONSTRAINT chk_users_status
    CHECK (status IN ('active', 'inactive', 'suspended', 'pending_verification'));

ALTER TABLE assessments ADD CONSTRAINT chk_assessments_status
    CHECK (status IN ('draft', 'in_progress', 'completed', 'abandoned'));
ALTER TABLE assessments ADD CONSTRAINT chk_assessments_progress
    CHECK (questions_answered >= 0 AND total_questions >= 0
           AND questions_answered <= total_questions);
ALTER TABLE assessments ADD CONSTRAINT chk_assessments_duration
    CHECK (duration_seconds IS NULL OR duration_seconds >= 0);

ALTER TABLE questions ADD CONSTRAINT chk_questions_type
    CHECK (question_type IN ('likert_scale', 'multiple_choice', 'text'));

ALTER TABLE answers ADD CONSTRAINT chk_answers_value
    CHECK (value IS NULL OR value BETWEEN 1 AND 5);
ALTER TABLE answers ADD CONSTRAINT chk_answers_response_time
    CHECK (response_time_ms IS NULL OR response_time_ms >= 0);

ALTER TABLE subscriptions ADD CONSTRAINT chk_subscriptions_status
    CHECK (status IN ('active', 'trialing', 'past_due', 'cancelled', 'expired'));
ALTER TABLE subscriptions ADD CONSTRAINT chk_subscriptions_dates
    CHECK (end_date IS NULL OR end_date >= start_date);

ALTER TABLE organizations ADD CONSTRAINT chk_organizations_status
    CHECK (status IN ('active', 'suspended', 'archived'));

ALTER TABLE organization_members ADD CONSTRAINT chk_org_members_role
    CHECK (role IN ('owner', 'admin', 'member', 'viewer'));
ALTER TABLE organization_members ADD CONSTRAINT chk_org_members_status
    CHECK (status IN ('invited', 'active', 'suspended', 'removed'));

ALTER TABLE assessment_analytics ADD CONSTRAINT chk_analytics_completion_rate
    CHECK (completion_rate IS NULL OR completion_rate BETWEEN 0 AND 100);

-- ===========================================================================
-- Extra indexes
-- ===========================================================================

-- Seed "Indexing Strategy": "Indexes on all foreign key references" -- the only FK the
-- seed left unindexed (also makes ON DELETE of a user cheap to check).
CREATE INDEX idx_org_members_invited_by ON organization_members(invited_by);

-- "A user's live (not revoked) sessions", ordered/filtered by expiry.
CREATE INDEX idx_sessions_user_live ON user_sessions(user_id, expires_at)
    WHERE revoked_at IS NULL;

-- "Active questions of a version, in order".
CREATE INDEX idx_questions_version_active_order ON questions(version, order_index)
    WHERE is_active;

-- ===========================================================================
-- updated_at maintenance
-- ===========================================================================

-- BEFORE UPDATE: stamp updated_at with the transaction's CURRENT_TIMESTAMP. Any value
-- the application writes into updated_at is overwritten.
CREATE FUNCTION set_updated_at()
RETURNS trigger
LANGUAGE plpgsql
AS $fn$
BEGIN
    NEW.updated_at := CURRENT_TIMESTAMP;
    RETURN NEW;
END;
$fn$;

CREATE TRIGGER trg_users_updated_at
    BEFORE UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TRIGGER trg_assessments_updated_at
    BEFORE UPDATE ON assessments
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TRIGGER trg_questions_updated_at
    BEFORE UPDATE ON questions
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TRIGGER trg_profiles_updated_at
    BEFORE UPDATE ON profiles
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TRIGGER trg_user_preferences_updated_at
    BEFORE UPDATE ON user_preferences
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TRIGGER trg_subscriptions_updated_at
    BEFORE UPDATE ON subscriptions
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TRIGGER trg_organizations_updated_at
    BEFORE UPDATE ON organizations
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TRIGGER trg_organization_members_updated_at
    BEFORE UPDATE ON organization_members
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TRIGGER trg_assessment_analytics_updated_at
    BEFORE UPDATE ON assessment_analytics
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
