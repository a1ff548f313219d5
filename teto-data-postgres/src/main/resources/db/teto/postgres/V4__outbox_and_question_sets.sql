-- The outbox: every domain event, written in the transaction of the change it describes (docs/events.md).
-- tx_id orders delivery: a row is delivered only once every transaction that started before its own has ended,
-- so a transaction that commits late can never slip an earlier event of the same user in after a later one.
CREATE TABLE outbox (
    seq             BIGINT GENERATED ALWAYS AS IDENTITY,
    id              UUID PRIMARY KEY,
    tx_id           XID8 NOT NULL DEFAULT pg_current_xact_id(),
    aggregate_type  VARCHAR(50) NOT NULL,
    aggregate_id    UUID NOT NULL,
    event_type      VARCHAR(100) NOT NULL,
    event_version   INTEGER NOT NULL,
    payload         JSONB NOT NULL,
    actor           VARCHAR(200),
    occurred_at     TIMESTAMPTZ NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ,
    last_error      TEXT,
    delivered_at    TIMESTAMPTZ
);

CREATE INDEX idx_outbox_pending ON outbox (tx_id, seq) WHERE delivered_at IS NULL;
CREATE INDEX idx_outbox_pending_aggregate ON outbox (aggregate_id) WHERE delivered_at IS NULL;
CREATE INDEX idx_outbox_delivered_at ON outbox (delivered_at) WHERE delivered_at IS NOT NULL;

-- The inbox: which handler has handled (or given up on) which event, so a redelivery is not handled twice.
CREATE TABLE outbox_inbox (
    handler     VARCHAR(100) NOT NULL,
    event_id    UUID NOT NULL,
    handled_at  TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    parked      BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (handler, event_id)
);

CREATE INDEX idx_outbox_inbox_handled_at ON outbox_inbox (handled_at);

-- Events a handler failed on too often: kept with the error until an operator replays or drops them.
CREATE TABLE outbox_parked (
    event_id    UUID NOT NULL,
    handler     VARCHAR(100) NOT NULL,
    attempts    INTEGER NOT NULL,
    error       TEXT,
    parked_at   TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (event_id, handler)
);

-- The question set each assessment was started with: completion requires an answer to each of these, and only
-- these take answers. NULL for rows created before this migration (pinned by version instead).
ALTER TABLE assessments ADD COLUMN question_ids UUID[];

-- A token hash identifies one session: two sessions with one hash would let a look-up return another user's session.
CREATE UNIQUE INDEX uq_user_sessions_token_hash ON user_sessions (token_hash);
CREATE UNIQUE INDEX uq_user_sessions_refresh_token_hash ON user_sessions (refresh_token_hash)
    WHERE refresh_token_hash IS NOT NULL;
