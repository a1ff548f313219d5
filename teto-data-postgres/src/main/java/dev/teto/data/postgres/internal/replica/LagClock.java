package dev.teto.data.postgres.internal.replica;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The primary's WAL position over the last while, sampled by the probe, to turn a replica's replayed position into a
 * lag in time: a replica that has not replayed what the primary had written at time t shows data older than t. This
 * is a lower bound (within one probe interval), so an idle primary never makes an idle replica look late, unlike
 * {@code now() - pg_last_xact_replay_timestamp()}.
 */
final class LagClock {
    private record Sample(long nanos, long lsn) {
    }

    private final Deque<Sample> samples = new ArrayDeque<>();
    private final long windowNanos;

    LagClock(long windowNanos) {
        this.windowNanos = windowNanos;
    }

    synchronized void sample(long nanos, long primaryLsn) {
        samples.addLast(new Sample(nanos, primaryLsn));
        while (samples.size() > 2 && samples.peekFirst().nanos() < nanos - windowNanos) {
            samples.removeFirst();
        }
    }

    /** The primary's last sampled position, or -1 before the first sample. */
    synchronized long primaryLsn() {
        return samples.isEmpty() ? -1 : samples.peekLast().lsn();
    }

    /** How long ago the primary first had WAL that {@code replayed} lacks; 0 when the replica is level with it. */
    synchronized long lagMillis(long replayed, long nowNanos) {
        for (Sample s : samples) {
            if (s.lsn() > replayed) {
                return Math.max(0, (nowNanos - s.nanos()) / 1_000_000);
            }
        }
        return 0;
    }
}
