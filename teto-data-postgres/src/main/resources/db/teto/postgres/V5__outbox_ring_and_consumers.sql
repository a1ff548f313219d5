-- The outbox stays small under sustained load (docs/design.md, "Keeping the outbox small").
--
-- The outbox becomes a ring of 8 list partitions, outbox_s0 .. outbox_s7. New rows go to the ring's current slot
-- (outbox_slot(), the column default). The relay (in-process dispatcher or Kafka relay) rotates to the next slot
-- once the current one is older than a quarter of the retention, and empties a closed slot with TRUNCATE once it
-- closed longer ago than the retention and holds no unpublished row. TRUNCATE gives the space back at once and
-- leaves no dead tuples: no DELETE, no bloat, no vacuum debt, whatever the event rate.
--
-- Why a ring of fixed partitions rather than time-range partitions: no partition is ever created or dropped, so
-- there is no DDL on the hot table, no default partition, and nothing to create ahead of time.
CREATE TABLE outbox_ring (
    slot        SMALLINT PRIMARY KEY CHECK (slot BETWEEN 0 AND 7),
    is_current  BOOLEAN NOT NULL DEFAULT FALSE,
    opened_at   TIMESTAMPTZ,
    closed_at   TIMESTAMPTZ
);
CREATE UNIQUE INDEX uq_outbox_ring_current ON outbox_ring (is_current) WHERE is_current;
INSERT INTO outbox_ring (slot, is_current, opened_at)
SELECT s, s = 0, CASE WHEN s = 0 THEN CURRENT_TIMESTAMP END FROM generate_series(0, 7) AS s;

-- The slot new rows go to. The table is named with its schema, so the default works whatever the caller's
-- search_path, without the cost of a SET clause on every call.
DO $$
BEGIN
    EXECUTE format('CREATE FUNCTION %I.outbox_slot() RETURNS SMALLINT LANGUAGE sql STABLE PARALLEL SAFE AS '
                   '$f$ SELECT slot FROM %I.outbox_ring WHERE is_current $f$', current_schema(), current_schema());
END
$$;

ALTER TABLE outbox RENAME TO outbox_v4;
ALTER INDEX outbox_pkey RENAME TO outbox_v4_pkey;
ALTER INDEX idx_outbox_pending RENAME TO idx_outbox_v4_pending;
ALTER INDEX idx_outbox_pending_aggregate RENAME TO idx_outbox_v4_pending_aggregate;
ALTER INDEX idx_outbox_delivered_at RENAME TO idx_outbox_v4_delivered_at;

CREATE SEQUENCE outbox_position_seq AS BIGINT;

-- Same columns as V4, plus slot. id stays unique in practice (random UUIDs); the key must hold the partition key.
-- delivered_at: for the Kafka relay, "published" (set only after the broker acknowledged the record).
CREATE TABLE outbox (
    seq             BIGINT NOT NULL DEFAULT nextval('outbox_position_seq'),
    id              UUID NOT NULL,
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
    delivered_at    TIMESTAMPTZ,
    slot            SMALLINT NOT NULL DEFAULT outbox_slot(),
    PRIMARY KEY (id, slot)
) PARTITION BY LIST (slot);
ALTER SEQUENCE outbox_position_seq OWNED BY outbox.seq;

CREATE TABLE outbox_s0 PARTITION OF outbox FOR VALUES IN (0);
CREATE TABLE outbox_s1 PARTITION OF outbox FOR VALUES IN (1);
CREATE TABLE outbox_s2 PARTITION OF outbox FOR VALUES IN (2);
CREATE TABLE outbox_s3 PARTITION OF outbox FOR VALUES IN (3);
CREATE TABLE outbox_s4 PARTITION OF outbox FOR VALUES IN (4);
CREATE TABLE outbox_s5 PARTITION OF outbox FOR VALUES IN (5);
CREATE TABLE outbox_s6 PARTITION OF outbox FOR VALUES IN (6);
CREATE TABLE outbox_s7 PARTITION OF outbox FOR VALUES IN (7);

-- Pending rows in commit order (the relay), one aggregate's rows waiting for a retry, and every kept row in commit
-- order (consumers that read the outbox as a log, OutboxLog). The retry index holds only rows with a retry time
-- (rare): the relay's "skip users waiting for a retry" probe then costs nothing per pending row, where V4's index
-- of every pending row made it grow with each user's backlog.
CREATE INDEX idx_outbox_pending ON outbox (tx_id, seq) WHERE delivered_at IS NULL;
CREATE INDEX idx_outbox_pending_aggregate ON outbox (aggregate_id)
    WHERE delivered_at IS NULL AND next_attempt_at IS NOT NULL;
CREATE INDEX idx_outbox_log ON outbox (tx_id, seq);

INSERT INTO outbox (seq, id, tx_id, aggregate_type, aggregate_id, event_type, event_version, payload, actor,
                    occurred_at, created_at, attempts, next_attempt_at, last_error, delivered_at, slot)
SELECT seq, id, tx_id, aggregate_type, aggregate_id, event_type, event_version, payload, actor,
       occurred_at, created_at, attempts, next_attempt_at, last_error, delivered_at, 0
FROM outbox_v4;
SELECT setval('outbox_position_seq', COALESCE((SELECT max(seq) FROM outbox_v4), 0) + 1, false);
DROP TABLE outbox_v4;

-- Where each outbox-log consumer (an in-process processor) has read up to: the last (tx_id, seq) it finished.
CREATE TABLE outbox_positions (
    consumer    VARCHAR(100) PRIMARY KEY,
    tx_id       XID8 NOT NULL,
    seq         BIGINT NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- Which handlers the running dispatchers deliver to, and when each last said so. A dispatcher that lacks a handler
-- another one announced recently leaves delivery to that one, so no event is marked delivered before every
-- handler has had it (a worker built without Redis must not swallow the cache's invalidations).
CREATE TABLE outbox_handlers (
    handler     VARCHAR(100) PRIMARY KEY,
    last_seen   TIMESTAMPTZ NOT NULL
);

-- Parked events are listed oldest first per consumer.
CREATE INDEX idx_outbox_parked_handler ON outbox_parked (handler, parked_at);
