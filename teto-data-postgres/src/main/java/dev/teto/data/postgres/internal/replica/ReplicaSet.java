package dev.teto.data.postgres.internal.replica;

import com.zaxxer.hikari.HikariDataSource;
import dev.teto.data.api.spi.HealthIndicator;
import dev.teto.data.api.spi.StoreTransaction;
import dev.teto.data.postgres.PostgresOptions;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The read replicas of one store, and the rule for using them: a read-only transaction that tolerates staleness goes
 * to the next usable replica (round robin) unless this store saw a write by the same actor that the replica has not
 * replayed yet; then it polls the replica's replay position for up to {@code readYourWritesWait} before the
 * primary serves it. A replica that is down, not a standby, or further behind than {@code maxReplicaLag} is skipped.
 *
 * <p>Write transactions record their commit position ({@code pg_current_wal_insert_lsn()} read right after COMMIT on
 * the same connection: the commit record is only in the WAL once COMMIT returns, so a position read before it could
 * be replayed without the transaction being visible; the insert position, unlike the flushed one, covers a commit
 * made with {@code synchronous_commit=off}).
 *
 * <p>A background probe (one daemon thread per replica, plus one sampling the primary) refreshes each replica's
 * state every {@link #PROBE_INTERVAL}; a stuck probe makes its replica stale, hence unused, never blocks a caller.
 */
public final class ReplicaSet implements AutoCloseable {
    static final Duration PROBE_INTERVAL = Duration.ofMillis(500);
    /** A replica not probed successfully for this long is not used (its probe is stuck on a frozen server). */
    private static final long STALE_AFTER_NANOS = Duration.ofSeconds(3).toNanos();
    private static final int MAX_TRACKED_ACTORS = 100_000;
    private static final String PRIMARY_LSN = "SELECT (pg_current_wal_lsn() - '0/0'::pg_lsn)::bigint";
    private static final String COMMIT_LSN = "SELECT (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::bigint";

    private final List<Replica> replicas = new ArrayList<>();
    private final Jdbi primary;
    private final ReadYourWrites writes = new ReadYourWrites(MAX_TRACKED_ACTORS);
    private final LagClock clock;
    private final AtomicInteger next = new AtomicInteger();
    private final long maxLagMillis;
    private final long waitNanos;
    private final ScheduledExecutorService probes;

    /**
     * @param pools opens a pool for options naming one replica (the primary's pool factory)
     * @param jdbis configures Jdbi over a pool as the primary's is (argument factories, no values in messages)
     */
    public ReplicaSet(PostgresOptions options, Jdbi primary, Function<PostgresOptions, HikariDataSource> pools,
            Function<DataSource, Jdbi> jdbis) {
        this.primary = primary;
        this.maxLagMillis = options.maxReplicaLag().toMillis();
        this.waitNanos = options.readYourWritesWait().toNanos();
        this.clock = new LagClock(Math.max(Duration.ofMinutes(1).toNanos(), 2 * options.maxReplicaLag().toNanos()));
        for (int i = 0; i < options.readReplicas().size(); i++) {
            replicas.add(new Replica("postgres-replica-" + (i + 1), poolOptions(options, options.readReplicas().get(i)),
                    pools, jdbis));
        }
        AtomicInteger threads = new AtomicInteger();
        this.probes = Executors.newScheduledThreadPool(replicas.size() + 1, r -> {
            Thread t = new Thread(r, "teto-pg-replica-probe-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        long interval = PROBE_INTERVAL.toMillis();
        probes.scheduleWithFixedDelay(this::samplePrimary, 0, interval, TimeUnit.MILLISECONDS);
        for (Replica replica : replicas) {
            probes.scheduleWithFixedDelay(() -> replica.probe(clock), 0, interval, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Begins a replica read for {@code actorLabel} with {@code start} (BEGIN, read-only, the signed actor) on a usable
     * replica that has replayed the actor's last write; null when the primary must serve it.
     */
    public StoreTransaction begin(String actorLabel, Function<Handle, StoreTransaction> start) {
        Replica replica = nextUsable();
        if (replica == null) {
            return null;
        }
        long required = writes.required(actorLabel);
        if (required == ReadYourWrites.UNKNOWN) {
            replica.readYourWritesFallbacks.increment();
            return null;
        }
        Handle handle = null;
        try {
            handle = replica.open();
            if (required > replica.replayed() && !awaitReplay(replica, handle, required)) {
                replica.readYourWritesFallbacks.increment();
                handle.close();
                return null;
            }
            StoreTransaction tx = start.apply(handle);   // closes the handle itself when it fails
            handle = null;
            replica.readsServed.increment();
            return tx;
        } catch (RuntimeException e) {
            replica.failures.increment();
            replica.markDown("failed a read (" + e.getClass().getSimpleName() + ")");
            closeQuietly(handle);
            return null;
        }
    }

    /** {@code tx} on the primary, recording the actor's commit position once it commits. */
    public StoreTransaction recordingCommits(StoreTransaction tx, Handle handle, String actorLabel) {
        return new CommitPositionRecorder(tx, actorLabel, labels -> {
            try {
                Long lsn = handle.createQuery(COMMIT_LSN).mapTo(Long.class).one();
                labels.forEach(label -> writes.record(label, lsn));
            } catch (RuntimeException e) {
                // Committed, but where is unknown: these actors read from the primary until their next write.
                labels.forEach(writes::recordUnknown);
            }
        });
    }

    /** One health component per replica, {@code postgres-replica-<n>}. */
    public List<HealthIndicator> health() {
        List<HealthIndicator> all = new ArrayList<>();
        for (Replica replica : replicas) {
            all.add(new ReplicaHealth(replica, maxLagMillis, STALE_AFTER_NANOS));
        }
        return all;
    }

    @Override
    public void close() {
        probes.shutdownNow();
        replicas.forEach(Replica::close);
    }

    private Replica nextUsable() {
        long now = System.nanoTime();
        int n = replicas.size();
        int start = Math.floorMod(next.getAndIncrement(), n);
        for (int i = 0; i < n; i++) {
            Replica candidate = replicas.get((start + i) % n);
            if (candidate.usable(maxLagMillis, STALE_AFTER_NANOS, now)) {
                return candidate;
            }
        }
        return null;
    }

    /** Polls with a short, growing pause (1, 2, 4, 8, 10 ms...): replay usually takes a millisecond or two. */
    private boolean awaitReplay(Replica replica, Handle handle, long required) {
        long deadline = System.nanoTime() + waitNanos;
        long pauseMillis = 1;
        while (true) {
            if (replica.readReplayed(handle) >= required) {
                return true;
            }
            if (System.nanoTime() + pauseMillis * 1_000_000 > deadline) {
                return false;
            }
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            pauseMillis = Math.min(10, pauseMillis * 2);
        }
    }

    private void samplePrimary() {
        try {
            long lsn = primary.withHandle(h -> h.createQuery(PRIMARY_LSN).mapTo(Long.class).one());
            clock.sample(System.nanoTime(), lsn);
            long replayedEverywhere = Long.MAX_VALUE;
            long now = System.nanoTime();
            for (Replica replica : replicas) {
                if (replica.usable(maxLagMillis, STALE_AFTER_NANOS, now)) {
                    replayedEverywhere = Math.min(replayedEverywhere, replica.replayed());
                }
            }
            if (replayedEverywhere != Long.MAX_VALUE) {
                writes.forgetReplayed(replayedEverywhere);
            }
        } catch (RuntimeException e) {
            // The primary's own health reports it; replicas' lag stays as last measured until it answers.
        }
    }

    /** The primary's options with one replica's URL, its pool size, and a short wait for a connection. */
    private static PostgresOptions poolOptions(PostgresOptions o, String url) {
        Duration wait = o.connectionTimeout().compareTo(Duration.ofSeconds(1)) < 0 ? o.connectionTimeout()
                : Duration.ofSeconds(1);
        return o.toBuilder().jdbcUrl(url).maximumPoolSize(o.replicaPoolSize())
                .minimumIdle(Math.min(o.minimumIdle(), o.replicaPoolSize())).connectionTimeout(wait)
                .migrationCredentials(null, null).readReplicas(List.of()).build();
    }

    private static void closeQuietly(Handle handle) {
        if (handle != null) {
            try {
                handle.close();
            } catch (RuntimeException ignored) {
                // already broken; the pool discards it
            }
        }
    }
}
