package dev.teto.data.postgres.internal.replica;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The WAL position each actor's last write committed at, so that a replica read by the same actor waits for (or
 * skips) a replica that has not replayed it yet. Keyed by {@code Actor.label()} (a user id or service name, no
 * PII beyond the id the outbox records anyway).
 *
 * <p>Bounded without losing read-your-writes: entries every healthy replica has replayed are dropped by the probe,
 * and when the map still outgrows its bound it is emptied, its highest position becoming a floor that every actor
 * waits for. A dropped entry is always at or below the floor, so no actor ever reads older than its own write.
 */
final class ReadYourWrites {
    /** An actor whose commit position could not be read: it reads from the primary until its next write. */
    static final long UNKNOWN = Long.MAX_VALUE;

    private final Map<String, Long> latest = new ConcurrentHashMap<>();
    private final int maxActors;
    private volatile long floor;

    ReadYourWrites(int maxActors) {
        this.maxActors = maxActors;
    }

    void record(String actor, long lsn) {
        latest.merge(actor, lsn, (old, now) -> old == UNKNOWN ? now : Math.max(old, now));
        if (latest.size() > maxActors) {
            overflow();
        }
    }

    void recordUnknown(String actor) {
        latest.put(actor, UNKNOWN);
    }

    /** The position a replica must have replayed before it may serve {@code actor}; 0 when any will do. */
    long required(String actor) {
        Long own = latest.get(actor);
        return own == null ? floor : Math.max(own, floor);
    }

    /** Drops what every usable replica has replayed: {@code replayedEverywhere} becomes the floor at most. */
    void forgetReplayed(long replayedEverywhere) {
        long dropped = 0;
        for (Map.Entry<String, Long> e : latest.entrySet()) {
            long lsn = e.getValue();
            if (lsn <= replayedEverywhere && latest.remove(e.getKey(), lsn)) {
                dropped = Math.max(dropped, lsn);
            }
        }
        raiseFloor(dropped);
    }

    int size() {
        return latest.size();
    }

    private synchronized void overflow() {
        long highest = 0;
        for (Long lsn : latest.values()) {
            if (lsn != UNKNOWN) {
                highest = Math.max(highest, lsn);
            }
        }
        // Raised before clearing, so a reader between the two steps still waits long enough.
        raiseFloor(highest);
        latest.values().removeIf(lsn -> lsn != UNKNOWN);
    }

    private synchronized void raiseFloor(long lsn) {
        if (lsn > floor) {
            floor = lsn;
        }
    }
}
