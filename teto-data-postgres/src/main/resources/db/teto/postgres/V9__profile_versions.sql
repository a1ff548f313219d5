-- ===========================================================================
-- V9: profile versions and re-scoring runs (issue 13; docs/schema-deviations.md, "V9").
--
-- A profile records the scorer (name and version) that made it. Re-scoring adds a newer profile to an assessment
-- and keeps the earlier ones: the seed's one-profile-per-assessment (uq_profiles_assessment, V3) becomes one
-- *current* profile per assessment (a partial unique index) and one profile per (assessment, scorer version).
-- Rows stored before V9 are the 'unversioned' scorer's version '0', current.
-- Idempotent (IF NOT EXISTS, IF EXISTS): a schema adopted with an earlier baseline-version may already hold it.
-- Flyway runs this with the target schema first in search_path: object names are not schema-qualified.

ALTER TABLE profiles
    ADD COLUMN IF NOT EXISTS scorer_name    VARCHAR(100) NOT NULL DEFAULT 'unversioned',
    ADD COLUMN IF NOT EXISTS scorer_version VARCHAR(50)  NOT NULL DEFAULT '0',
    ADD COLUMN IF NOT EXISTS is_current     BOOLEAN      NOT NULL DEFAULT TRUE;

ALTER TABLE profiles DROP CONSTRAINT IF EXISTS uq_profiles_assessment;
CREATE UNIQUE INDEX IF NOT EXISTS uq_profiles_current ON profiles (assessment_id) WHERE is_current;
ALTER TABLE profiles DROP CONSTRAINT IF EXISTS uq_profiles_assessment_scorer;
ALTER TABLE profiles ADD CONSTRAINT uq_profiles_assessment_scorer
    UNIQUE (assessment_id, scorer_name, scorer_version);

-- Where a re-score run stands: assessments are visited in id order, and the last one of each committed batch is
-- stored in that batch's transaction, so a run stopped midway resumes after it.
CREATE TABLE IF NOT EXISTS rescore_runs (
    scorer_name    VARCHAR(100) NOT NULL,
    scorer_version VARCHAR(50)  NOT NULL,
    position       UUID,
    scanned        BIGINT       NOT NULL DEFAULT 0,
    rescored       BIGINT       NOT NULL DEFAULT 0,
    skipped        BIGINT       NOT NULL DEFAULT 0,
    started_at     TIMESTAMPTZ  NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at     TIMESTAMPTZ  NOT NULL DEFAULT CURRENT_TIMESTAMP,
    finished_at    TIMESTAMPTZ,
    CONSTRAINT rescore_runs_pkey PRIMARY KEY (scorer_name, scorer_version)
);

-- The SDK's role keeps the runs; a run holds no personal data, so no row-level security.
DO $$
BEGIN
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON %I.rescore_runs TO teto_app', current_schema());
    EXECUTE format('GRANT SELECT ON %I.rescore_runs TO teto_admin', current_schema());
END
$$;
