package dev.teto.data.postgres.internal.replica;

import com.zaxxer.hikari.HikariDataSource;
import dev.teto.data.postgres.PostgresOptions;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * One read replica: its pool (opened by the probe, so that a replica down at start-up never fails {@code build()}),
 * what the last probe saw, and counters for health. Names are {@code postgres-replica-<n>}: never the host.
 */
final class Replica implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Replica.class);
    /** The replica's replayed WAL position as a number of bytes; NULL on a server that is not a standby. */
    static final String REPLAY_LSN = "SELECT (pg_last_wal_replay_lsn() - '0/0'::pg_lsn)::bigint";
    private static final String PROBE = "SELECT pg_is_in_recovery() AS standby, "
            + "(pg_last_wal_replay_lsn() - '0/0'::pg_lsn)::bigint AS replayed";

    /** What the last probe found; {@code probedAt} is System.nanoTime() of its end. */
    record State(boolean up, long lagBytes, long lagMillis, long probedAt, String detail) {
    }

    private final String name;
    private final PostgresOptions poolOptions;
    private final Function<PostgresOptions, HikariDataSource> pools;
    private final Function<DataSource, Jdbi> jdbis;
    private final AtomicLong replayed = new AtomicLong(-1);
    final LongAdder readsServed = new LongAdder();
    final LongAdder readYourWritesFallbacks = new LongAdder();
    final LongAdder failures = new LongAdder();
    private volatile HikariDataSource pool;
    private volatile Jdbi jdbi;
    private volatile State state = new State(false, 0, 0, System.nanoTime(), "not probed yet");
    private volatile boolean closed;

    Replica(String name, PostgresOptions poolOptions, Function<PostgresOptions, HikariDataSource> pools,
            Function<DataSource, Jdbi> jdbis) {
        this.name = name;
        this.poolOptions = poolOptions;
        this.pools = pools;
        this.jdbis = jdbis;
    }

    String name() {
        return name;
    }

    State state() {
        return state;
    }

    long replayed() {
        return replayed.get();
    }

    /** Up, a standby, probed recently and no further behind than {@code maxLagMillis}. */
    boolean usable(long maxLagMillis, long staleAfterNanos, long now) {
        State s = state;
        return s.up() && s.lagMillis() <= maxLagMillis && now - s.probedAt() <= staleAfterNanos && jdbi != null;
    }

    /** A connection to this replica; the caller closes it. */
    Handle open() {
        return jdbi.open();
    }

    /** Reads the replayed position on {@code handle} (outside a transaction) and remembers the highest seen. */
    long readReplayed(Handle handle) {
        Long lsn = handle.createQuery(REPLAY_LSN).mapTo(Long.class).one();
        long seen = lsn == null ? -1 : lsn;
        replayed.accumulateAndGet(seen, Math::max);
        return seen;
    }

    /** One probe: opens the pool if need be, then asks the replica whether it is a standby and how far it replayed. */
    void probe(LagClock clock) {
        if (closed) {
            return;
        }
        try {
            ensurePool();
            Map<String, Object> row = jdbi.withHandle(h -> h.createQuery(PROBE).mapToMap().one());
            long now = System.nanoTime();
            if (!Boolean.TRUE.equals(row.get("standby")) || row.get("replayed") == null) {
                state = new State(false, 0, 0, now, "not a standby (pg_is_in_recovery() is false)");
                return;
            }
            long lsn = ((Number) row.get("replayed")).longValue();
            replayed.accumulateAndGet(lsn, Math::max);
            long primary = clock.primaryLsn();
            state = new State(true, primary < 0 ? 0 : Math.max(0, primary - lsn), clock.lagMillis(lsn, now), now, "");
        } catch (RuntimeException e) {
            markDown("does not answer (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Until the next successful probe, reads go elsewhere. */
    void markDown(String detail) {
        State was = state;
        state = new State(false, was.lagBytes(), was.lagMillis(), System.nanoTime(), detail);
        if (was.up()) {
            LOG.warn("read replica {} {}; the primary serves its reads", name, detail);
        }
    }

    private synchronized void ensurePool() {
        if (pool == null && !closed) {
            HikariDataSource opened = pools.apply(poolOptions);
            pool = opened;
            jdbi = jdbis.apply(opened);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (pool != null) {
            pool.close();
        }
    }
}
